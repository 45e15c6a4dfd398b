// The chart.js parts every outcome chart is drawn with, registered from one list: the dashboard registers them in the
// browser and the report's PDF on the server, so both draw a chart with the same controllers, scales and legend.
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
  type ChartComponentLike,
} from "chart.js";

/** Registers the outcome charts' parts with chart.js, then `extra` (the browser's tooltips). */
export function registerChartParts(...extra: ChartComponentLike[]): void {
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    Legend,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    ...extra,
  );
}
