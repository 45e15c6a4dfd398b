// A published table's chart, drawn in the browser with chart.js from the one shared configuration and parts
// (app/outcomes/chart-config.ts and chart-parts.ts, also used by the report's PDF), so the page and the PDF draw the
// same chart.
// The canvas renders only after mount: the server's HTML never depends on it, and the table beneath is the chart's
// text alternative.
import { useEffect, useState } from "react";
import { Chart as ChartView } from "react-chartjs-2";
import { Tooltip } from "chart.js";
import { chartConfig, chartDescription } from "../chart-config";
import { registerChartParts } from "../chart-parts";
import type { FigureTable } from "../model";

let registered = false;
function register() {
  if (registered) return;
  registerChartParts(Tooltip);
  registered = true;
}

/**
 * The chart of `table` (which must have `table.chart`), named for assistive technology by its description in
 * words (every value, suppressed ones said as "not shown"), and pointing to the table that holds its figures.
 */
export function FigureChart({ table, tableId }: { table: FigureTable; tableId: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    register();
    setMounted(true);
  }, []);
  const config = chartConfig(table, { responsive: true, fontFamily: "Arial, sans-serif" });
  const horizontal = config.options?.indexAxis === "y";
  return (
    <figure className={`app-figure-chart${horizontal ? " app-figure-chart--tall" : ""}`}>
      <figcaption className="nhsuk-u-visually-hidden">
        Chart of the figures in the table below: {table.title}
      </figcaption>
      {mounted ? (
        <div className="app-figure-chart__canvas">
          <ChartView
            type={config.type}
            data={config.data}
            options={{ ...config.options, maintainAspectRatio: false }}
            role="img"
            aria-label={chartDescription(table)}
            aria-describedby={tableId}
          />
        </div>
      ) : (
        <div className="app-figure-chart__canvas" aria-hidden="true" />
      )}
    </figure>
  );
}
