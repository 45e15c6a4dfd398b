// A published table's chart, drawn in the browser with the configuration the PDF uses too
// (app/outcomes/chart-config.ts). Decorative for assistive technology beyond its description: the table beside it
// holds the same figures.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";
import { chartConfig, chartDescription } from "~/outcomes/chart-config";
import type { FigureTable } from "~/outcomes/model";

let registered = false;
function register() {
  if (registered) return;
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    Tooltip,
    Legend,
  );
  registered = true;
}

export function FigureChart({ table }: { table: FigureTable }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current || !table.chart) return;
    register();
    const chart = new Chart(canvas.current, chartConfig(table, { responsive: true, aspectRatio: 2.2 }));
    return () => chart.destroy();
  }, [table]);
  if (!table.chart) return null;
  return (
    <div className="cw-report-chart">
      <canvas ref={canvas} role="img" aria-label={chartDescription(table)} />
    </div>
  );
}
