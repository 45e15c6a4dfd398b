import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { referenceLists } from "~/directory/activities.server";
import { describeReplies, isStale } from "~/directory/listing";
import { accessibilityFeatures, transportOptions, weekdays } from "~/directory/options";
import { londonToday } from "~/calendar";
import { directorySorts, readSearchFilters } from "~/directory/search";
import { searchDirectory } from "~/directory/search.server";
import { Tag } from "~/ui/Banner";
import { Checkboxes, toOptions } from "~/ui/choices";
import { needs } from "~/referrals/codes";
import { Select, TextInput } from "~/ui/form";
import { formatIsoDate } from "~/ui/format";
import { readTableState } from "~/ui/table-state";
import { labelOf } from "~/labels";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";
import { Pagination } from "~/ui/Pagination";

export const meta: MetaFunction = () => [{ title: "Find an activity – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "directory:search");
  const url = new URL(request.url);
  const filters = readSearchFilters(url);
  const state = readTableState(url, directorySorts, { sort: "name", dir: "asc", pageSize: 20 });
  const today = londonToday();
  const [{ rows, total }, lists] = await Promise.all([
    searchDirectory(context.db, filters, state, today),
    referenceLists(context.db),
  ]);
  return {
    canEdit: can(guard.user.role, "directory:edit"),
    filters,
    state,
    total,
    lists,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      provider: r.provider_name,
      category: r.category,
      district: r.district,
      direct: r.referral_mode === "direct",
      cost: r.free ? "Free" : (r.cost ?? "There is a charge"),
      when: (r.when ?? "")
        .split(",")
        .filter(Boolean)
        .map((w) => {
          const [d, t] = w.split(" ");
          return `${weekdays[Number(d) as keyof typeof weekdays]} ${t}`;
        }),
      accessibility: r.accessibility.map((a) => labelOf(accessibilityFeatures, a)),
      transport: r.transport.map((t) => labelOf(transportOptions, t)),
      zones: r.transport_zones,
      lastChecked: r.last_checked_on,
      stale: isStale(r.last_checked_on, today),
      replies: r.referral_mode === "direct" ? describeReplies(r.replies) : null,
    })),
  };
}

export default function DirectorySearch() {
  const { canEdit, filters, state, total, lists, rows } = useLoaderData<typeof loader>();
  const pageCount = Math.max(1, Math.ceil(total / state.pageSize));
  const pageHref = (n: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) {
      if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
      else if (v !== undefined) p.set(k, String(v));
    }
    p.set("sort", state.sort);
    p.set("dir", state.dir);
    p.set("page", String(n));
    return `/directory?${p}`;
  };
  return (
    <>
      <h1>Find an activity</h1>
      <p className="nhsuk-lede-text">
        Search the local offer by what the person needs, where they live, when they are free and how they can get there.
      </p>
      {canEdit ? (
        <p>
          <Link to="/providers">Manage providers and activities</Link>
        </p>
      ) : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <Form method="get" aria-label="Search filters">
            <TextInput name="q" label="Name or keyword" defaultValue={filters.q} />
            <Select
              name="need"
              label="Need"
              placeholder="Any need"
              defaultValue={filters.need}
              options={toOptions(needs)}
            />
            <Select
              name="category"
              label="Category"
              placeholder="Any category"
              defaultValue={filters.category}
              options={lists.categories.map((c) => ({ value: c.code, label: c.label }))}
            />
            <Select
              name="district"
              label="District"
              placeholder="Any district"
              defaultValue={filters.district}
              options={lists.districts.map((d) => ({ value: d.code, label: d.name }))}
            />
            <Select
              name="day"
              label="Day"
              placeholder="Any day"
              defaultValue={filters.day ? String(filters.day) : undefined}
              options={toOptions(weekdays)}
            />
            <Select
              name="transport"
              label="Transport"
              placeholder="Any way of getting there"
              defaultValue={filters.transport}
              options={toOptions(transportOptions)}
            />
            <Checkboxes
              name="access"
              legend="Accessibility"
              small
              options={toOptions(accessibilityFeatures)}
              selected={filters.access}
            />
            <Select
              name="mode"
              label="Referral"
              placeholder="Direct referral or signposting"
              defaultValue={filters.mode}
              options={[
                { value: "direct", label: "Takes direct referrals" },
                { value: "signpost", label: "Signposting only" },
              ]}
            />
            <button className="nhsuk-button" type="submit">
              Search
            </button>
            <p>
              <Link to="/directory">Clear filters</Link>
            </p>
          </Form>
        </div>
        <div className="nhsuk-grid-column-two-thirds">
          <h2 className="nhsuk-heading-m" aria-live="polite">
            {total === 1 ? "1 activity found" : `${total} activities found`}
          </h2>
          {rows.length === 0 ? <p>No activities match. Try removing a filter.</p> : null}
          <ul className="nhsuk-list">
            {rows.map((r) => (
              <li key={r.id} className="nhsuk-card">
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s">
                    <Link className="nhsuk-card__link" to={`/directory/${r.id}`}>
                      {r.name}
                    </Link>
                  </h3>
                  <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                    {r.provider} · {r.category}
                    {r.district ? ` · ${r.district}` : ""}
                  </p>
                  <p className="nhsuk-u-margin-bottom-2">
                    {r.direct ? <Tag colour="blue">Direct referral</Tag> : <Tag colour="grey">Signposting only</Tag>}{" "}
                    {r.stale ? (
                      <Tag colour="orange">Listing not checked since {formatIsoDate(r.lastChecked)}</Tag>
                    ) : null}
                  </p>
                  <SummaryList className="nhsuk-u-margin-bottom-0">
                    <SummaryRow label="When">{r.when.length ? r.when.join(", ") : "See listing"}</SummaryRow>
                    <SummaryRow label="Cost">{r.cost}</SummaryRow>
                    {r.transport.length ? (
                      <SummaryRow label="Getting there">
                        {r.transport.join(", ")}
                        {r.zones.length ? ` (zones: ${r.zones.join(", ")})` : ""}
                      </SummaryRow>
                    ) : null}
                    {r.accessibility.length ? (
                      <SummaryRow label="Access">{r.accessibility.join(", ")}</SummaryRow>
                    ) : null}
                    {r.replies ? (
                      <SummaryRow label="Answers referrals">
                        {r.replies.acceptance}; {r.replies.replyTime.toLowerCase()}
                      </SummaryRow>
                    ) : null}
                  </SummaryList>
                </div>
              </li>
            ))}
          </ul>
          <Pagination page={state.page} pageCount={pageCount} href={pageHref} />
        </div>
      </div>
    </>
  );
}
