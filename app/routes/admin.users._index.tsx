import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { z } from "zod";
import { userSorts } from "~/admin/users";
import { listUsers } from "~/admin/users.server";
import { requirePermission } from "~/auth/guards.server";
import { roleLabels, roles } from "~/auth/roles";
import { DataTable } from "~/ui/DataTable";
import { Select } from "~/ui/form";
import { formatDate, formatDateTime } from "~/ui/format";
import { readTableState } from "~/ui/table-state";
import { TableFilters } from "~/ui/TableFilters";
import { labelOf } from "~/labels";

export const meta: MetaFunction = () => [{ title: "Users – Connect Well" }];

const filters = z.object({
  role: z.enum(roles).optional().catch(undefined),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  const url = new URL(request.url);
  const state = readTableState(url, userSorts, { sort: "display_name", dir: "asc" });
  const f = filters.parse({
    role: url.searchParams.get("role") || undefined,
    status: url.searchParams.get("status") || undefined,
  });
  const { rows, total } = await listUsers(context.db, { ...state, ...f });
  return {
    state,
    filters: f,
    total,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.display_name,
      email: r.email,
      role: labelOf(roleLabels, r.role),
      status: r.disabled_at ? "Disabled" : "Active",
      created: r.created_at.toISOString(),
      lastSignedIn: r.last_signed_in_at ? new Date(r.last_signed_in_at).toISOString() : null,
    })),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
const col = createColumnHelper<Row>();
const columns = [
  col.accessor("name", {
    id: "display_name",
    header: "Name",
    cell: (c) => <Link to={`/admin/users/${c.row.original.id}`}>{c.getValue()}</Link>,
  }),
  col.accessor("email", { id: "email", header: "Email" }),
  col.accessor("role", { id: "role", header: "Role" }),
  col.accessor("status", {
    id: "status",
    header: "Status",
    cell: (c) => (
      <strong className={`nhsuk-tag ${c.getValue() === "Active" ? "nhsuk-tag--green" : "nhsuk-tag--grey"}`}>
        {c.getValue()}
      </strong>
    ),
  }),
  col.accessor("created", { id: "created_at", header: "Added", cell: (c) => formatDate(c.getValue()) }),
  col.accessor("lastSignedIn", {
    id: "last_signed_in",
    header: "Last signed in",
    cell: (c) => {
      const at = c.getValue();
      return at ? formatDateTime(at) : "Never";
    },
  }),
];

export default function Users() {
  const { rows, total, state, filters } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Users</h1>
      <Link className="nhsuk-button" to="/admin/users/new">
        Add a user
      </Link>
      <TableFilters state={state}>
        <Select
          name="role"
          label="Role"
          defaultValue={filters.role}
          placeholder="Any role"
          options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
        />
        <Select
          name="status"
          label="Status"
          defaultValue={filters.status}
          placeholder="Any status"
          options={[
            { value: "active", label: "Active" },
            { value: "disabled", label: "Disabled" },
          ]}
        />
      </TableFilters>
      <DataTable caption="Staff accounts" columns={columns} rows={rows} total={total} sortable={userSorts} {...state} />
    </>
  );
}
