// One instrument over time: a line chart (drawn in the browser only) with the score's bands shaded and its
// direction in the axis title, and always a table with the same figures for anyone who cannot use the chart.

import { useEffect, useState } from "react";
import { Line } from "react-chartjs-2";
import { formatIsoDate } from "~/ui/format";
import { StackedHeading } from "~/ui/StackedHeading";
import { TableHead } from "~/ui/Table";
import type { Band, Instrument } from "../instruments";
import {
  chartSummary,
  type ChartGroup,
  chartGroups,
  directionText,
  formatScoreRead,
  type MeasureRecord,
} from "../timeline";
import { timePointLabel } from "../time-points";
import { type BandShade, registerCharts } from "./chart-setup";

// NHS.UK palette: blue, dark pink, green, warm yellow (distinct lines for ONS4's items).
const LINE_COLOURS = ["#005eb8", "#7c2855", "#007f3b", "#8a5a00"];
// Tints from the worst band to the best, so "good" always reads green whichever way the score runs.
const BAND_TINTS = [
  "rgba(212, 53, 28, 0.16)",
  "rgba(255, 184, 0, 0.18)",
  "rgba(0, 150, 60, 0.10)",
  "rgba(0, 150, 60, 0.20)",
];

function shades(group: ChartGroup): BandShade[] {
  const bands: readonly Band[] = group.bands ?? [];
  if (bands.length === 0) return [];
  // Worst first: for "higher is better" the lowest band is worst.
  const worstFirst = group.direction === "higher_is_better" ? [...bands] : [...bands].reverse();
  return worstFirst.map((b, i) => {
    const tint = BAND_TINTS[Math.round((i * (BAND_TINTS.length - 1)) / Math.max(1, worstFirst.length - 1))];
    return { from: b.from, to: b.to, label: b.label, colour: tint };
  });
}

const pointLabel = (r: MeasureRecord) => `${formatIsoDate(r.administeredOn)} (${timePointLabel(r)})`;

interface Props {
  instrument: Instrument;
  /** Live responses to this instrument, oldest first. */
  points: MeasureRecord[];
}

export function MeasureChart({ instrument, points }: Props) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    registerCharts();
    setMounted(true);
  }, []);
  return (
    <>
      {chartGroups(instrument).map((group) => {
        const axisTitle = `${group.scales.length === 1 ? group.scales[0].label : "Score"} (${directionText(group.direction)})`;
        const captionId = `${group.key}-caption`;
        const summary = chartSummary(instrument.code, group.scales, points);
        return (
          <div key={group.key}>
            <figure className="nhsuk-u-margin-0 nhsuk-u-margin-bottom-4">
              <figcaption id={captionId} className="nhsuk-body-s">
                <strong>{group.title}</strong>. {directionText(group.direction).replace(/^./, (c) => c.toUpperCase())}
                {group.direction === "higher_is_better"
                  ? " (a rising line is an improvement)"
                  : " (a falling line is an improvement)"}
                .{group.bands?.length ? " Shaded areas are the score's bands, from red (worst) to green (best)." : ""}
              </figcaption>
              <div>
                {mounted ? (
                  <Line
                    role="img"
                    aria-label={`${group.title}. ${summary}`}
                    aria-describedby={captionId}
                    data={{
                      labels: points.map(pointLabel),
                      datasets: group.scales.map((s, i) => ({
                        label: s.label,
                        data: points.map((p) => p.scores[s.key] ?? null),
                        borderColor: LINE_COLOURS[i % LINE_COLOURS.length],
                        backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length],
                        borderWidth: 3,
                        pointRadius: 5,
                        pointStyle: (["circle", "rect", "triangle", "rectRot"] as const)[i % 4],
                        tension: 0,
                      })),
                    }}
                    options={{
                      responsive: true,
                      maintainAspectRatio: true,
                      aspectRatio: 2,
                      animation: false,
                      scales: {
                        y: {
                          min: group.min,
                          max: group.max,
                          ticks: { stepSize: group.max - group.min > 12 ? 5 : 1, color: "#212b32" },
                          title: { display: true, text: axisTitle, color: "#212b32", font: { weight: "bold" } },
                        },
                        x: {
                          ticks: { color: "#212b32" },
                          title: { display: true, text: "Date answered", color: "#212b32" },
                        },
                      },
                      plugins: {
                        legend: { display: group.scales.length > 1, labels: { color: "#212b32", usePointStyle: true } },
                        bandShading: { bands: shades(group), integer: group.scales.every((s) => s.decimals === 0) },
                      },
                    }}
                  />
                ) : null}
              </div>
            </figure>
          </div>
        );
      })}
      <MeasureTable instrument={instrument} points={points} />
    </>
  );
}

/** The chart's figures as a table: always rendered, so the page works without the canvas. */
function MeasureTable({ instrument, points }: Props) {
  const scales = instrument.scoreScales.filter((s) => s.kind !== "raw" || instrument.code === "swemwbs");
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{instrument.name}: scores by date</caption>
      <TableHead
        responsive
        headings={[
          "Date answered",
          "Time point",
          ...scales.map((s) => (
            <>
              {s.label} <span className="nhsuk-u-font-weight-normal">({directionText(s.direction)})</span>
            </>
          )),
        ]}
      />
      <tbody className="nhsuk-table__body" role="rowgroup">
        {points.map((p) => (
          <tr className="nhsuk-table__row" key={p.id} role="row">
            <td className="nhsuk-table__cell" role="cell">
              <StackedHeading>Date answered</StackedHeading>
              {formatIsoDate(p.administeredOn)}
            </td>
            <td className="nhsuk-table__cell" role="cell">
              <StackedHeading>Time point</StackedHeading>
              {timePointLabel(p)}
            </td>
            {scales.map((s) => (
              <td className="nhsuk-table__cell" key={s.key} role="cell">
                <StackedHeading>{s.label}</StackedHeading>
                {formatScoreRead(instrument.code, s, p.scores)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
