import { Link } from "@remix-run/react";
import { formatDateTime, formatIsoDate } from "~/ui/format";
import { mergeTimeline, timelineKindLabels, type TimelineItem } from "./timeline-item";

/** The person's story, newest first. `extra` takes items from other sources (measure scores). */
export function Timeline({ items, extra = [] }: { items: TimelineItem[]; extra?: TimelineItem[] }) {
  const all = mergeTimeline(items, extra);
  if (all.length === 0) return <p>Nothing recorded yet.</p>;
  return (
    <ol className="nhsuk-list nhsuk-list--border">
      {all.map((item) => (
        <li key={item.key}>
          <p className="nhsuk-body-s app-muted nhsuk-u-margin-bottom-1">
            <time dateTime={item.at}>{item.at.length === 10 ? formatIsoDate(item.at) : formatDateTime(item.at)}</time>
            {" · "}
            {timelineKindLabels[item.kind]}
            {item.by ? ` · ${item.by}` : ""}
          </p>
          <p className="nhsuk-u-margin-bottom-1">
            <strong>{item.href ? <Link to={item.href}>{item.title}</Link> : item.title}</strong>
          </p>
          {item.detail
            ? item.detail.split(/\n+/).map((line, i) => (
                <p key={i} className="nhsuk-u-margin-bottom-2">
                  {line}
                </p>
              ))
            : null}
        </li>
      ))}
    </ol>
  );
}
