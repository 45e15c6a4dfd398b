// chart.js is tree-shaken: register only what the measure charts use, once per page load.

import {
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type Plugin,
} from "chart.js";

export interface BandShade {
  from: number;
  to: number;
  label: string;
  colour: string;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends import("chart.js").ChartType> {
    bandShading?: { bands: BandShade[]; integer: boolean; _type?: TType };
  }
}

// Shades each band of the score across the plot area, with its name at the left, behind the lines.
const bandShading: Plugin<"line"> = {
  id: "bandShading",
  beforeDatasetsDraw(chart, _args, options) {
    const opts = options as { bands?: BandShade[]; integer?: boolean };
    const y = chart.scales.y;
    const area = chart.chartArea;
    if (!opts.bands || !y || !area) return;
    const ctx = chart.ctx;
    ctx.save();
    for (const band of opts.bands) {
      // Integer scores: a band 3–5 covers 2.5–5.5, so adjacent bands meet without a gap.
      const pad = opts.integer ? 0.5 : 0;
      const top = Math.max(area.top, Math.min(y.getPixelForValue(band.to + pad), y.getPixelForValue(band.from - pad)));
      const bottom = Math.min(
        area.bottom,
        Math.max(y.getPixelForValue(band.to + pad), y.getPixelForValue(band.from - pad)),
      );
      if (bottom <= top) continue;
      ctx.fillStyle = band.colour;
      ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
      ctx.fillStyle = "#212b32";
      ctx.font = "12px Arial, sans-serif";
      ctx.textBaseline = "top";
      ctx.fillText(band.label, area.left + 4, top + 2);
    }
    ctx.restore();
  },
};

let registered = false;

export function registerCharts() {
  if (registered) return;
  Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend, bandShading);
  registered = true;
}
