import { getInstrument } from "../scoring";
import { formatScoreRead, type MeasureRecord } from "../timeline";

/** A response's headline scores, one a line, each named only when its questionnaire has more than one. */
export function HeadlineScores({ record }: { record: Pick<MeasureRecord, "instrumentCode" | "scores"> }) {
  const headline = getInstrument(record.instrumentCode).scoreScales.filter((s) => s.kind === "headline");
  return (
    <>
      {headline.map((s) => (
        <span className="nhsuk-u-display-block" key={s.key}>
          {headline.length > 1 ? `${s.label}: ` : ""}
          {formatScoreRead(record.instrumentCode, s, record.scores)}
        </span>
      ))}
    </>
  );
}
