// The scores of one response, its bands, and the change since the referral's baseline with the
// meaningful-change flag and its reason.

import type { Comparison } from "../change";
import { getInstrument } from "../scoring";
import { interpretScore } from "../interpretation";
import { directionText, formatChange, formatScore, type MeasureRecord } from "../timeline";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";

export function ScoreSummary({ record, change }: { record: MeasureRecord; change: Comparison | null }) {
  const instrument = getInstrument(record.instrumentCode);
  return (
    <SummaryList>
      {instrument.scoreScales.map((scale) => {
        const c = change?.changes[scale.key];
        const reading = interpretScore(record.instrumentCode, scale.key, record.scores[scale.key]);
        return (
          <SummaryRow
            key={scale.key}
            label={
              <>
                {scale.label}
                <span className="nhsuk-u-font-weight-normal nhsuk-u-display-block nhsuk-u-font-size-16">
                  {scale.min}–{scale.max}, {directionText(scale.direction)}
                  {scale.kind === "raw" ? " (shown for checking; the metric score is the one compared)" : ""}
                </span>
              </>
            }
          >
            <strong>{formatScore(scale, record.scores[scale.key])}</strong>
            {reading ? <> ({reading.band})</> : null}
            {c ? (
              <p className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                Change since baseline: <strong>{formatChange(scale, c.change)}</strong> ({c.outcome})
                {c.meaningful ? (
                  <>
                    {" "}
                    <strong className={`nhsuk-tag ${c.improvement ? "nhsuk-tag--green" : "nhsuk-tag--red"}`}>
                      {c.improvement ? "Meaningful improvement" : "Meaningful worsening"}
                    </strong>
                  </>
                ) : null}
                <span className="nhsuk-u-display-block nhsuk-u-font-size-16">{c.reason}</span>
              </p>
            ) : null}
          </SummaryRow>
        );
      })}
    </SummaryList>
  );
}
