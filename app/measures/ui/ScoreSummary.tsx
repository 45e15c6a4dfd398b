// The scores of one response, its bands, and the change since the referral's baseline with the
// meaningful-change flag and its reason.

import type { Comparison } from "../change";
import { getInstrument } from "../scoring";
import { interpretScore } from "../interpretation";
import { directionText, formatChange, formatScore, type MeasureRecord } from "../timeline";

export function ScoreSummary({ record, change }: { record: MeasureRecord; change: Comparison | null }) {
  const instrument = getInstrument(record.instrumentCode);
  return (
    <dl className="nhsuk-summary-list">
      {instrument.scoreScales.map((scale) => {
        const c = change?.changes[scale.key];
        const reading = interpretScore(record.instrumentCode, scale.key, record.scores[scale.key]);
        return (
          <div className="nhsuk-summary-list__row" key={scale.key}>
            <dt className="nhsuk-summary-list__key">
              {scale.label}
              <span className="nhsuk-u-font-weight-normal nhsuk-u-display-block nhsuk-u-font-size-16">
                {scale.min}–{scale.max}, {directionText(scale.direction)}
                {scale.kind === "raw" ? " (shown for checking; the metric score is the one compared)" : ""}
              </span>
            </dt>
            <dd className="nhsuk-summary-list__value">
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
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
