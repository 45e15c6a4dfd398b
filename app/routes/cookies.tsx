import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, sessionCookie } from "~/auth/session.server";
import { StatementPage } from "~/ui/StatementPage";

export const meta: MetaFunction = () => [{ title: "Cookies – Connect Well" }];

/** The figures the statement quotes come from the session rules themselves, so the two cannot drift apart. */
export async function loader() {
  return {
    cookieName: sessionCookie.name,
    idleMinutes: IDLE_TIMEOUT_MS / 60_000,
    sessionHours: ABSOLUTE_TIMEOUT_MS / 3_600_000,
  };
}

export default function Cookies() {
  const { cookieName, idleMinutes, sessionHours } = useLoaderData<typeof loader>();
  return (
    <StatementPage title="Cookies" linkToPrivacy>
      <p className="nhsuk-lede-text">Connect Well uses one cookie, and only to keep staff signed in.</p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">The cookie we set</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Purpose</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          <tr>
            <td>{cookieName}</td>
            <td>
              Remembers that a member of staff has signed in. It holds a random number and nothing about you or the
              people you support.
            </td>
            <td>
              When you sign out, after {idleMinutes} minutes without activity, or after {sessionHours} hours
            </td>
          </tr>
        </tbody>
      </table>
      <p>
        This cookie is strictly necessary for signing in, so we do not ask for consent to set it. If you are not staff
        and use the &ldquo;Start a conversation&rdquo; page, we set no cookies at all.
      </p>
      <p>
        We do not use analytics, advertising or any other cookies, and no one else sets cookies through this service.
      </p>
    </StatementPage>
  );
}
