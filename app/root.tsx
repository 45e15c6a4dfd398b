import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { isAccountDisabledData, type AccountDisabledData } from "~/auth/disabled";
import { enteredValueWords } from "~/field-values";
import { roleHome, roleLabels } from "~/auth/roles";
import { questionnairePath } from "~/auth/session-scope";
import { currentUser, sessionRemainingMs } from "~/auth/session.server";
import { requestContext } from "~/context";
import { isFaultData } from "~/server/fault";
import { Header } from "~/ui/Header";
import { IdleWarning } from "~/ui/IdleWarning";
import { navFor, statementLinks } from "~/ui/nav";
import { useNonce } from "~/ui/nonce";
import { keepDataAfterReadOnlyAction } from "~/ui/read-only-action";
import { SessionClock } from "~/ui/session-clock";
import styles from "~/ui/styles.scss?url";
import { SummaryList, SummaryRow } from "~/ui/SummaryList";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// An error page's title says what happened (the boundary replaces the page whose own title would say otherwise).
export const meta: MetaFunction = ({ error }) => [
  { title: error === undefined ? "Connect Well" : `${errorText(statusOf(error)).title} – Connect Well` },
];

function statusOf(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

// Not a guard: it only decides what the shell shows. Every route checks its own permission.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await currentUser(request, { context });
  const { requestId } = requestContext(context);
  if (!user) return { user: null, nav: [], remainingMs: null, requestId, restrictedHome: null };
  // The device is with a person answering a questionnaire: no staff name, menu or statement links, only the way back
  // to their questions (docs/decisions/0820-restricted-self-completion.md).
  if (user.restrictedTo) {
    return {
      user: null,
      nav: [],
      remainingMs: sessionRemainingMs(user),
      requestId,
      restrictedHome: questionnairePath(user.restrictedTo),
    };
  }
  return {
    restrictedHome: null,
    user: { displayName: user.displayName, roleLabel: roleLabels[user.role], home: roleHome[user.role] },
    nav: navFor(user.role),
    remainingMs: sessionRemainingMs(user),
    requestId,
  };
}

export const shouldRevalidate = keepDataAfterReadOnlyAction;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const loaded = useRouteLoaderData<typeof loader>("root");
  // A disabled account's refused post has signed them out: the page it answers with shows the signed-out header,
  // whatever the page showed before it was sent (its data is still the signed-in user's when JavaScript sent it).
  const error = useRouteError();
  const signedOut = isRouteErrorResponse(error) && isAccountDisabledData(error.data);
  const data = signedOut ? null : loaded;
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SessionClock remainingMs={data?.remainingMs ?? null}>
          <a className="nhsuk-skip-link" href="#maincontent">
            Skip to main content
          </a>
          <Header user={data?.user ?? null} nav={data?.nav ?? []} />
          <div className="nhsuk-width-container">
            <main className="nhsuk-main-wrapper" id="maincontent">
              {children}
            </main>
          </div>
          <footer role="contentinfo" className="nhsuk-footer">
            <div className="nhsuk-width-container">
              <div className="nhsuk-footer__meta">
                <h2 className="nhsuk-u-visually-hidden">Support links</h2>
                <ul className="nhsuk-footer__list">
                  {(data?.restrictedHome ? [] : statementLinks).map((link) => (
                    <li key={link.href} className="nhsuk-footer__list-item">
                      <a className="nhsuk-footer__list-item-link" href={link.href}>
                        {link.text}
                      </a>
                    </li>
                  ))}
                </ul>
                <p className="nhsuk-body-s">
                  Connect Well · social prescribing for Leicester, Leicestershire and Rutland
                </p>
              </div>
            </div>
          </footer>
          {data?.remainingMs != null ? <IdleWarning /> : null}
        </SessionClock>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  // A fault carries its own request's reference (app/server/fault-references.server.ts); any other error page shows
  // the reference of the request that drew it.
  const reference =
    isRouteErrorResponse(error) && isFaultData(error.data) ? error.data.reference : (data?.requestId ?? null);
  if (isRouteErrorResponse(error) && isAccountDisabledData(error.data)) return <AccountDisabled {...error.data} />;
  const text = errorText(statusOf(error));
  // Outside a person's care team (app/care-team/access.server.ts) the page offers the way to ask for access.
  const breakGlass =
    isRouteErrorResponse(error) && typeof (error.data as { breakGlass?: unknown } | null)?.breakGlass === "string"
      ? ((error.data as { breakGlass: string }).breakGlass ?? null)
      : null;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{breakGlass ? "You are not on this person’s care team" : text.title}</h1>
        {breakGlass ? (
          <>
            <p>Only the people on someone’s care team can see their record. Someone on the care team can add you.</p>
            <p>
              <a href={breakGlass}>Ask for access to this person’s record</a>
            </p>
          </>
        ) : (
          <p>{text.body}</p>
        )}
        {data?.restrictedHome ? (
          <p>
            <a href={data.restrictedHome}>Go back to the questions</a>
          </p>
        ) : data?.user ? (
          <p>
            <a href={data.user.home}>Go to your home page</a>
          </p>
        ) : (
          <p>
            <a href="/sign-in">Sign in</a>
          </p>
        )}
        {reference ? (
          <p>
            If you contact the service desk, quote reference <strong>{reference}</strong>.
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** A disabled account posted a form: nothing was saved; what they typed is shown so they can pass it on. */
function AccountDisabled({ message, entered }: Pick<AccountDisabledData, "message" | "entered">) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Your account has been disabled</h1>
        <p>{message}</p>
        {entered.length ? (
          <>
            <h2>What you entered</h2>
            <p>
              Copy anything you need before you leave this page: it is not kept anywhere else. A colleague with access
              can enter it for you.
            </p>
            <SummaryList>
              {entered.map((e, i) => (
                <SummaryRow key={i} label={e.label} valueClassName="app-keep-lines">
                  {enteredValueWords(e.name, e.values)}
                </SummaryRow>
              ))}
            </SummaryList>
          </>
        ) : null}
        <p>If you think this is a mistake, ask your service administrator to enable your account again.</p>
      </div>
    </div>
  );
}

function errorText(status: number) {
  switch (status) {
    case 400:
      return { title: "Sorry, that request could not be read", body: "Go back and try again." };
    case 403:
      return {
        title: "You do not have permission to see this page",
        body: "If you think you should, ask your service administrator.",
      };
    case 404:
      return {
        title: "Page not found",
        body: "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
      };
    case 405:
      return {
        title: "Sorry, that kind of request is not accepted",
        body: "Use the links and buttons on the service's pages.",
      };
    case 413:
      return { title: "What you sent is too large", body: "Shorten it and try again." };
    case 429:
      return { title: "Too many attempts", body: "Wait a few minutes and try again." };
    case 500:
      return {
        title: "Sorry, there is a problem with the service",
        body: "Try again later. Nothing you saved before this page has been lost.",
      };
    default:
      return { title: "Sorry, there is a problem with the service", body: "Try again later." };
  }
}
