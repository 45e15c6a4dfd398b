import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { z } from "zod";
import { actorOf, requirePermission } from "~/auth/guards.server";
import type { RequestContext } from "~/context";
import { listDistricts } from "~/people/people.server";
import { searchSchema } from "~/people/search-form";
import { listReferableActivities } from "~/referrals/referable-activities.server";
import { caseloadSorts, nextActionLabels, openStatuses, type CaseloadRow, withMeasureDue } from "~/referrals/caseload";
import { measuresDueForReferrals } from "~/measures/due.server";
import { listCaseload } from "~/referrals/caseload.server";
import { statusLabels } from "~/referrals/lifecycle";
import { DataTable } from "~/ui/DataTable";
import { ErrorSummary, Select } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { readTableState } from "~/ui/table-state";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { SearchQueryInput } from "~/people/SearchQueryInput";

export const meta: MetaFunction = () => [{ title: "Your caseload – Connect Well" }];

// Filters in the URL are codes and ids only; the name/NHS number search is a POST.
const filterSchema = z.object({
  status: z.enum(openStatuses).optional().catch(undefined),
  activity: z.string().uuid().optional().catch(undefined),
  district: z.string().max(40).optional().catch(undefined),
});

async function load(request: Request, context: RequestContext, search?: string) {
  const guard = await requirePermission(request, context, "caseload:view");
  const url = new URL(request.url);
  const state = readTableState(url, caseloadSorts, { sort: "received_at", dir: "asc" });
  const filters = filterSchema.parse({
    status: url.searchParams.get("status") || undefined,
    activity: url.searchParams.get("activity") || undefined,
    district: url.searchParams.get("district") || undefined,
  });
  const { rows, total } = await listCaseload(
    context.db,
    { ...actorOf(guard), userId: guard.user.id },
    search ? { ...state, page: 1, pageSize: 100 } : state,
    {
      status: filters.status,
      activityId: filters.activity,
      district: filters.district,
      search,
    },
  );
  // "Measure due" comes from the measures schedule, computed on read for just this page of referrals.
  const due = await measuresDueForReferrals(
    context.db,
    rows.map((r) => r.referralId),
  );
  const dueIds = new Set([...due].filter(([, items]) => items.length > 0).map(([id]) => id));
  return { guard, state, filters, rows: withMeasureDue(rows, dueIds), total };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { guard, state, filters, rows, total } = await load(request, context);
  return {
    name: guard.user.displayName,
    state,
    filters,
    rows,
    total,
    activities: (await listReferableActivities(context.db)).map((a) => ({ id: a.id, name: a.name })),
    districts: await listDistricts(context.db),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requirePermission(request, context, "caseload:view");
  const parsed = await readForm(request, searchSchema);
  if (!parsed.ok) return reply(parsed, { extra: { rows: null, total: 0 } });
  const { rows, total } = await load(request, context, parsed.data.q);
  return { errors: null, values: { q: parsed.data.q }, rows, total };
}

const col = createColumnHelper<CaseloadRow>();
const columns = [
  col.accessor("personName", {
    id: "person",
    header: "Person",
    cell: (c) => <Link to={`/people/${c.row.original.personId}`}>{c.getValue()}</Link>,
  }),
  col.accessor("activityName", {
    id: "activity",
    header: "Activity",
    cell: (c) => <Link to={`/referrals/${c.row.original.referralId}`}>{c.getValue() ?? "Signposting"}</Link>,
  }),
  col.accessor("status", { id: "status", header: "Status", cell: (c) => statusLabels[c.getValue()] }),
  col.accessor("district", { id: "district", header: "District", cell: (c) => c.getValue() ?? "Not recorded" }),
  col.accessor("receivedAt", { id: "received_at", header: "Received", cell: (c) => formatDate(c.getValue()) }),
  col.accessor("actions", {
    id: "next",
    header: "What needs doing",
    cell: (c) =>
      c.getValue().length === 0 ? (
        "Nothing due"
      ) : (
        <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
          {c.getValue().map((a) => (
            <li key={a}>
              <strong
                className={`nhsuk-tag ${
                  a === "find_alternative" || a === "provider_reply_overdue" || a === "not_attended_recently"
                    ? "nhsuk-tag--red"
                    : "nhsuk-tag--yellow"
                }`}
              >
                {nextActionLabels[a]}
              </strong>
            </li>
          ))}
        </ul>
      ),
  }),
];

export default function Caseload() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const searched = result?.rows ? result : null;
  const rows = searched?.rows ?? loaded.rows;
  const total = searched ? searched.total : loaded.total;
  return (
    <>
      <h1>Your caseload</h1>
      <p className="nhsuk-lede-text">Your open referrals and what needs doing next.</p>
      <ErrorSummary errors={result?.errors} />
      <Form method="get" className="app-table-controls">
        <Select
          name="status"
          label="Status"
          placeholder="Any open status"
          defaultValue={loaded.filters.status}
          options={openStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
        />
        <Select
          name="activity"
          label="Activity"
          placeholder="Any activity"
          defaultValue={loaded.filters.activity}
          options={loaded.activities.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Select
          name="district"
          label="District"
          placeholder="Any district"
          defaultValue={loaded.filters.district}
          options={loaded.districts.map((d) => ({ value: d.code, label: d.name }))}
        />
        <input type="hidden" name="sort" value={loaded.state.sort} />
        <input type="hidden" name="dir" value={loaded.state.dir} />
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Filter
        </button>
      </Form>
      <Form method="post" className="app-table-controls" role="search" aria-label="Search your caseload">
        <SearchQueryInput label="Name or NHS number" value={result?.values?.q} error={result?.errors?.q} />
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Search caseload
        </button>
        {searched ? <Link to="/caseload">Clear search</Link> : null}
      </Form>
      <DataTable
        caption={searched ? "Open referrals matching your search" : "Open referrals"}
        columns={columns}
        rows={rows}
        total={total}
        sortable={caseloadSorts}
        {...loaded.state}
        page={searched ? 1 : loaded.state.page}
        empty="No open referrals match."
        responsive
      />
    </>
  );
}
