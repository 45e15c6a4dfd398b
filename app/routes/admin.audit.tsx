import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { z } from "zod";
import { isIsoDate } from "~/calendar";
import { auditSorts } from "~/audit/trail";
import { readAuditTrail } from "~/audit/trail.server";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { roleLabels } from "~/auth/roles";
import { DataTable } from "~/ui/DataTable";
import { Select, TextInput } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { readTableState } from "~/ui/table-state";
import { TableFilters } from "~/ui/TableFilters";
import { auditEntityLabels, auditOutcomeLabels } from "~/audit/trail";
import { auditActionLabels, auditActions, auditDomainLabels, auditDomainOf } from "~/audit/actions";
import { labelOf } from "~/labels";

export const meta: MetaFunction = () => [{ title: "Audit trail – Connect Well" }];

// The one date rule (app/calendar.ts): "0000-01-01" and "2026-02-31" are not dates, and never reach the database.
const isoDate = z.string().refine(isIsoDate);
const DATE_MESSAGE = "Enter a real date, like 2026-11-29";
const filterSchema = z.object({
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z._-]*$/)
    .optional()
    .catch(undefined),
  outcome: z.enum(["ok", "denied", "failed"]).optional().catch(undefined),
  actorId: z.string().uuid().optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "audit:read");
  const url = new URL(request.url);
  const state = readTableState(url, auditSorts, { sort: "occurred_at", dir: "desc", pageSize: 50 });
  const get = (k: string) => url.searchParams.get(k) || undefined;
  const filters = filterSchema.parse({
    action: get("action"),
    outcome: get("outcome"),
    actorId: get("actorId"),
    from: get("from"),
    to: get("to"),
  });
  // A date filter that is not a real date is left out, and the user is told so at the field.
  const dateErrors: Record<string, string> = {};
  for (const key of ["from", "to"] as const) if (get(key) && !filters[key]) dateErrors[key] = DATE_MESSAGE;
  const { rows, total, actors } = await readAuditTrail(context.db, actorOf(guard), { ...state, filters });
  return {
    state,
    filters,
    typed: { from: get("from") ?? "", to: get("to") ?? "" },
    dateErrors,
    total,
    actors,
    rows: rows.map((r) => ({
      id: String(r.id),
      when: r.occurred_at.toISOString(),
      actor: r.actor_name ?? "Anonymous",
      role: r.actor_role ? labelOf(roleLabels, r.actor_role) : "",
      action: r.action,
      actionLabel: labelOf(auditActionLabels, r.action),
      outcome: r.outcome,
      // An event about no record, or no person (a sign-in, a list), says so rather than leaving the row blank.
      entity: r.entity_type ? `${labelOf(auditEntityLabels, r.entity_type)} ${r.entity_id?.slice(0, 8) ?? ""}` : "None",
      person: r.person_id ? r.person_id.slice(0, 8) : "None",
      requestId: r.request_id?.slice(0, 8) ?? "",
    })),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
const col = createColumnHelper<Row>();
const outcomeTag = { ok: "nhsuk-tag--green", denied: "nhsuk-tag--red", failed: "nhsuk-tag--orange" } as Record<
  string,
  string
>;
const columns = [
  col.accessor("when", { id: "occurred_at", header: "When", cell: (c) => formatDateTime(c.getValue()) }),
  col.accessor("actor", {
    id: "actor",
    header: "Who",
    cell: (c) => (
      <>
        {c.getValue()}
        {c.row.original.role ? <span className="nhsuk-body-s app-muted"> ({c.row.original.role})</span> : null}
      </>
    ),
  }),
  col.accessor("action", { id: "action", header: "Action", cell: (c) => c.row.original.actionLabel }),
  col.accessor("outcome", {
    id: "outcome",
    header: "Outcome",
    cell: (c) => (
      <strong className={`nhsuk-tag ${outcomeTag[c.getValue()] ?? ""}`}>
        {labelOf(auditOutcomeLabels, c.getValue())}
      </strong>
    ),
  }),
  col.accessor("entity", { id: "entity", header: "Record" }),
  col.accessor("person", { id: "person", header: "Person ref" }),
  col.accessor("requestId", { id: "request", header: "Request" }),
];

// The action filter offers each kind of event (every action of that kind) and then each action, by their words;
// the values stay the stored codes.
const actionGroups = Object.entries(auditDomainLabels)
  .sort(([, a], [, b]) => a.localeCompare(b))
  .map(([domain, label]) => ({
    label,
    options: [
      { value: domain, label: `${label}: any` },
      ...auditActions
        .filter((a) => auditDomainOf(a) === domain)
        .map((a) => ({ value: a, label: labelOf(auditActionLabels, a) })),
    ],
  }));

export default function AuditTrail() {
  const { rows, total, state, filters, actors, typed, dateErrors } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Audit trail</h1>
      <p>Every sign-in, every look at a person's record and every change. Entries cannot be edited or deleted.</p>
      <TableFilters state={state}>
        <Select name="action" label="Action" placeholder="Any" defaultValue={filters.action} groups={actionGroups} />
        <Select
          name="outcome"
          label="Outcome"
          placeholder="Any"
          defaultValue={filters.outcome}
          options={Object.entries(auditOutcomeLabels).map(([value, label]) => ({ value, label }))}
        />
        <Select
          name="actorId"
          label="Who"
          placeholder="Anyone"
          defaultValue={filters.actorId}
          options={actors.map((a) => ({ value: a.id, label: a.display_name }))}
        />
        <TextInput name="from" label="From" type="date" defaultValue={typed.from} error={dateErrors.from} />
        <TextInput name="to" label="To" type="date" defaultValue={typed.to} error={dateErrors.to} />
      </TableFilters>
      <DataTable caption="Audit events" columns={columns} rows={rows} total={total} sortable={auditSorts} {...state} />
    </>
  );
}
