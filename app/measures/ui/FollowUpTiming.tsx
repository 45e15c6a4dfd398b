// What happens to a follow-up taken too soon after the baseline, said before saving (on the record form) and after
// (on the response). The rule is app/measures/follow-up-interval.ts; see docs/decisions/0830-follow-up-timing.md.

import { formatIsoDate } from "~/ui/format";
import { followUpCountsFrom } from "../follow-up-interval";
import { BASELINE_EXTRA_LABEL } from "../time-points";

interface Props {
  /** Short questionnaire name, "UCLA-3". */
  measure: string;
  /** The referral's live baseline of that questionnaire, 'YYYY-MM-DD', or null when there is none. */
  baselineOn: string | null;
  /** The activity's schedule: least days after the baseline a follow-up counts. */
  minDays: number;
}

/** Before saving: when a follow-up on this referral starts to count, and what happens to one taken sooner. */
export function FollowUpTimingNotice({ measure, baselineOn, minDays }: Props) {
  return (
    <div className="nhsuk-inset-text" data-testid="follow-up-timing">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      {baselineOn ? (
        <p>
          The {measure} baseline on this referral was answered on {formatIsoDate(baselineOn)}. A follow-up counts as
          change from <strong>{formatIsoDate(followUpCountsFrom(baselineOn, minDays))}</strong> ({minDays} days later).
          A follow-up answered before then is saved as an {BASELINE_EXTRA_LABEL.toLowerCase()}: kept and shown, but not
          compared with the baseline or counted in outcome figures. An exit answered before then is saved as the exit,
          but not compared.
        </p>
      ) : (
        <p>
          There is no {measure} baseline on this referral yet. A follow-up saved now is kept as an{" "}
          {BASELINE_EXTRA_LABEL.toLowerCase()} and not compared with anything. If this is the person's first {measure}{" "}
          on this referral, record it as the baseline.
        </p>
      )}
    </div>
  );
}

/** After saving: why this response is an extra baseline-window response and what that means. */
export function BaselineExtraCallout({ baselineOn, minDays }: Omit<Props, "measure">) {
  return (
    <div className="nhsuk-warning-callout" data-testid="baseline-extra">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {BASELINE_EXTRA_LABEL}
        </span>
      </h2>
      {baselineOn ? (
        <p>
          Entered as a follow-up, but answered fewer than {minDays} days after the baseline of{" "}
          {formatIsoDate(baselineOn)}. A follow-up counts as change from{" "}
          {formatIsoDate(followUpCountsFrom(baselineOn, minDays))}.
        </p>
      ) : (
        <p>Entered as a follow-up when this referral had no baseline for this questionnaire.</p>
      )}
      <p>
        It is kept on the record and shown, but never compared with the baseline or counted in outcome figures. The
        follow-up itself is still to be recorded when it is due.
      </p>
    </div>
  );
}
