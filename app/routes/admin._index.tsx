import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { londonToday } from "~/calendar";
import { listStaleListings } from "~/directory/stale.server";
import { formatIsoDate } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Administration – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, context, "users:manage");
  return { name: user.displayName, stale: await listStaleListings(context.db, londonToday()) };
}

/** The administrator's tasks, one card each. */
const adminTasks = [
  {
    to: "/admin/users",
    title: "Users",
    description: "Add staff accounts, change roles, reset passwords, disable leavers.",
  },
  {
    to: "/providers",
    title: "Providers and activities",
    description: "Keep the directory current: listings not checked for six months are flagged.",
  },
  {
    to: "/admin/subject-access",
    title: "Subject access requests",
    description: "Export everything held about a person, and who has seen it, as a file and a page to print.",
  },
  {
    to: "/people/duplicates",
    title: "Duplicate records",
    description: "Compare and merge records that describe the same person.",
  },
  {
    to: "/admin/disclosure",
    title: "Small-number rule",
    description: "Choose how outcome figures protect small groups: NHS England's rule or cell-key perturbation.",
  },
  {
    to: "/admin/break-glass",
    title: "Break-glass access",
    description: "Review staff who joined a person’s care team by breaking glass, and the reasons they gave.",
  },
  {
    to: "/admin/audit",
    title: "Audit trail",
    description: "Who signed in, who looked at which record and what changed.",
  },
];

export default function AdminHome() {
  const { name, stale } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Administration</h1>
      <p className="nhsuk-lede-text">Signed in as {name}.</p>
      <h2>Listings to check</h2>
      {stale.length === 0 ? (
        <p>Every active listing has been checked in the last six months.</p>
      ) : (
        <>
          <p>
            These listings have not been checked with their provider for six months. Check the details, then save the
            listing with today&apos;s date.
          </p>
          <ul className="nhsuk-list nhsuk-list--border">
            {stale.map((a) => (
              <li key={a.id}>
                <Link to={`/activities/${a.id}/edit`}>{a.name}</Link>{" "}
                <span className="app-muted">
                  ({a.provider}, last checked {formatIsoDate(a.lastCheckedOn)})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {adminTasks.map((task) => (
          <li key={task.to} className="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={task.to}>
                    {task.title}
                  </Link>
                </h2>
                <p className="nhsuk-card__description">{task.description}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
