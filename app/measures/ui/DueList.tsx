// Measures due or overdue, as a list of tags and dates. Used on the measures page, the person page summary
// and (through the lead's wiring) the caseload.

import { shortName } from "../catalogue";
import type { DueItem } from "../due";
import { formatIsoDate } from "~/ui/format";

function DueTag({ item }: { item: Pick<DueItem, "status" | "label"> }) {
  return (
    <strong className={`nhsuk-tag ${item.status === "overdue" ? "nhsuk-tag--red" : "nhsuk-tag--yellow"}`}>
      {item.label} {item.status}
    </strong>
  );
}

export function DueList({ items, referralLabels }: { items: DueItem[]; referralLabels?: Record<string, string> }) {
  if (items.length === 0) return <p>No measures are due.</p>;
  return (
    <ul className="nhsuk-list">
      {items.map((item) => (
        <li key={`${item.referralId}-${item.timePoint}-${item.followUpWeek ?? ""}`}>
          <DueTag item={item} /> {item.outstanding.map(shortName).join(" and ")}, due {formatIsoDate(item.dueOn)}
          {item.status === "overdue" ? ` (overdue since ${formatIsoDate(item.overdueFrom)})` : ""}
          {referralLabels?.[item.referralId] ? (
            <span className="nhsuk-u-display-block nhsuk-u-font-size-16">{referralLabels[item.referralId]}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
