// Measure scores as items on the person page's timeline (pure). Entered-in-error rows are left off: the
// measures page keeps them, struck through.
import type { TimelineItem } from "~/ui/timeline-item";
import { findInstrument } from "./scoring";
import { timePointLabel } from "./time-points";
import { formatScoreRead, isLive, type MeasureRecord } from "./timeline";

export function measureTimelineItems(personId: string, records: readonly MeasureRecord[]): TimelineItem[] {
  return records.filter(isLive).map((r) => {
    const instrument = findInstrument(r.instrumentCode);
    const headline = (instrument?.scoreScales ?? []).filter((s) => s.kind === "headline");
    const detail = headline.map((s) => `${s.label}: ${formatScoreRead(r.instrumentCode, s, r.scores)}`).join("; ");
    return {
      key: `measure:${r.id}`,
      at: r.administeredOn,
      kind: "measure",
      title: `${instrument?.name ?? r.instrumentCode}, ${timePointLabel(r).toLowerCase()}`,
      detail,
      href: `/people/${personId}/measures/${r.id}`,
    };
  });
}
