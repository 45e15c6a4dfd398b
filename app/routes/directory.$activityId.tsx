import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { describeReplies, isStale } from "~/directory/listing";
import { accessibilityFeatures, activityFormats, providerKinds, transportOptions, weekdays } from "~/directory/options";
import { hhmm } from "~/directory/schedule";
import { londonToday } from "~/calendar";
import { getListing } from "~/directory/search.server";
import { isUuid } from "~/params";
import { notFound } from "~/errors";
import { Tag } from "~/ui/Banner";
import { formatIsoDate } from "~/ui/format";
import { labelOf } from "~/labels";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.activity.name ?? "Activity"} – Connect Well` },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:search");
  const today = londonToday();
  const found = isUuid(params.activityId) ? await getListing(context.db, params.activityId, today) : null;
  if (!found) notFound();
  const a = found.activity;
  return {
    canEdit: can(guard.user.role, "directory:edit"),
    // Only roles that may refer see the button: a link that answers 403 is a dead end.
    canRefer: can(guard.user.role, "referrals:write"),
    activity: {
      id: a.id,
      name: a.name,
      description: a.description,
      provider: a.provider_name,
      providerKind: labelOf(providerKinds, a.provider_kind),
      website: a.provider_website,
      category: a.category,
      district: a.district,
      format: labelOf(activityFormats, a.format),
      address: a.address,
      postcode: a.postcode,
      capacity: a.capacity,
      cost: a.free ? "Free" : (a.cost ?? "There is a charge"),
      ages: ages(a.min_age, a.max_age),
      eligibility: a.eligibility,
      accessibility: a.accessibility.map((x) => labelOf(accessibilityFeatures, x)),
      transport: a.transport.map((x) => labelOf(transportOptions, x)),
      zones: a.transport_zones,
      direct: a.referral_mode === "direct",
      status: a.status,
      contactName: a.contact_name,
      contactPhone: a.contact_phone,
      contactEmail: a.contact_email,
      lastChecked: a.last_checked_on,
      stale: isStale(a.last_checked_on, today),
    },
    when: found.schedules.map(
      (s) =>
        `${weekdays[s.weekday as keyof typeof weekdays]}s, ${hhmm(s.start_time)} to ${hhmm(s.end_time)}${s.valid_to ? ` (until ${formatIsoDate(s.valid_to)})` : ""}`,
    ),
    oneOffs: found.oneOffs.map((s) => `${formatIsoDate(s.session_date)}, ${hhmm(s.start_time)} to ${hhmm(s.end_time)}`),
    replies:
      a.referral_mode === "direct" ? { ...describeReplies(found.replies), waiting: found.replies.waiting } : null,
  };
}

function ages(min: number | null, max: number | null) {
  if (min !== null && max !== null) return `${min} to ${max}`;
  if (min !== null) return `${min} and over`;
  if (max !== null) return `Up to ${max}`;
  return "All ages";
}

export default function Listing() {
  const { canEdit, canRefer, activity: a, when, oneOffs, replies } = useLoaderData<typeof loader>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: "/directory", text: "Back to the directory" }} caption={a.provider}>
          {a.name}
        </PageHeading>
        <p>
          {a.direct ? <Tag colour="blue">Direct referral</Tag> : <Tag colour="grey">Signposting only</Tag>}{" "}
          {a.status !== "active" ? <Tag colour="red">{a.status === "paused" ? "Paused" : "Closed"}</Tag> : null}
        </p>
        {a.stale ? (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>May be out of date
              </span>
            </h2>
            <p>
              This listing was last checked on {formatIsoDate(a.lastChecked)}. Check the details with the provider
              before referring.
            </p>
          </div>
        ) : null}
        <p className="nhsuk-body-l">{a.description}</p>
        {canEdit ? (
          <p>
            <Link to={`/activities/${a.id}/edit`}>Edit this listing</Link> ·{" "}
            <Link to={`/activities/${a.id}/schedule`}>Schedule and sessions</Link>
          </p>
        ) : null}
        {canRefer && a.direct && a.status === "active" ? (
          <Link className="nhsuk-button" to={`/referrals/new?activity=${a.id}`}>
            Refer someone to this activity
          </Link>
        ) : null}
        <h2>Details</h2>
        <SummaryList>
          <SummaryRow label="Category">{a.category}</SummaryRow>
          <SummaryRow label="Format">{a.format}</SummaryRow>
          <SummaryRow label="When">
            {when.length || oneOffs.length ? (
              <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                {[...when, ...oneOffs].map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : (
              "Ask the provider"
            )}
          </SummaryRow>
          <SummaryRow label="Where">
            {a.address ? `${a.address}${a.postcode ? `, ${a.postcode}` : ""}` : "No venue (for example, by phone)"}
            {a.district ? ` · ${a.district}` : ""}
          </SummaryRow>
          <SummaryRow label="Getting there">
            {a.transport.length
              ? `${a.transport.join(", ")}${a.zones.length ? ` (zones: ${a.zones.join(", ")})` : ""}`
              : "No transport information"}
          </SummaryRow>
          <SummaryRow label="Accessibility">
            {a.accessibility.length ? a.accessibility.join(", ") : "Not recorded"}
          </SummaryRow>
          <SummaryRow label="Who it suits">
            {a.ages}
            {a.eligibility ? `. ${a.eligibility}` : ""}
          </SummaryRow>
          <SummaryRow label="Capacity">{a.capacity ?? "Not limited"}</SummaryRow>
          <SummaryRow label="Cost">{a.cost}</SummaryRow>
          <SummaryRow label="Contact">
            {[a.contactName, a.contactPhone, a.contactEmail].filter(Boolean).join(" · ") || "Through the provider"}
          </SummaryRow>
          <SummaryRow label="Provider">
            {a.provider} ({a.providerKind})
            {a.website ? (
              <>
                {" "}
                ·{" "}
                <a href={a.website} rel="noreferrer">
                  website
                </a>
              </>
            ) : null}
          </SummaryRow>
          <SummaryRow label="Last checked">{formatIsoDate(a.lastChecked)}</SummaryRow>
        </SummaryList>
        {replies ? (
          <>
            <h2>How this provider answers referrals</h2>
            <SummaryList>
              <SummaryRow label="Acceptance">{replies.acceptance}</SummaryRow>
              <SummaryRow label="Reply time">{replies.replyTime}</SummaryRow>
              <SummaryRow label="Waiting for an answer">{replies.waiting}</SummaryRow>
            </SummaryList>
            <p className="nhsuk-body-s">
              {replies.basis}. Worked out from referral records; providers are expected to answer within 2 weeks.
            </p>
          </>
        ) : null}
      </div>
    </div>
  );
}
