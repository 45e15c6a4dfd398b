import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { requirePermission } from "~/auth/guards.server";
import { reportJob } from "~/reports/access.server";
import styles from "~/reports/ui/report.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Generating a report – Connect Well" }];

/** Seconds between checks, with or without JavaScript. */
const REFRESH_SECONDS = 2;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "reports:manage");
  const job = await reportJob(context.db, guard, params.jobId);
  if (job.status === "done" && job.resultId) throw redirect(`/reports/${job.resultId}?generated=1`);
  return {
    status: job.status,
    stage: job.stage,
    percent: job.percent,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
  };
}

export default function ReportJob() {
  const job = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const working = job.status === "queued" || job.status === "running";
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [working, revalidator]);

  if (job.status === "failed") {
    return (
      <>
        <h1>The report could not be generated</h1>
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1} aria-labelledby="job-error-title">
          <h2 className="nhsuk-error-summary__title" id="job-error-title">
            There is a problem
          </h2>
          <div className="nhsuk-error-summary__body">
            <p>{job.lastError ?? "It stopped before it finished."}</p>
          </div>
        </div>
        <p>
          It was tried {job.attempts} {job.attempts === 1 ? "time" : "times"}. Nothing was archived or shared.
        </p>
        <Link className="nhsuk-button" to="/reports/new">
          Try again
        </Link>
      </>
    );
  }
  return (
    <>
      {/* Without JavaScript the page reloads itself; with it, the loader is asked again on the same interval. */}
      <noscript>
        <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
      </noscript>
      <h1>Generating the report</h1>
      <p className="nhsuk-lede-text">
        This page will open the report when it is ready. It usually takes a few seconds.
      </p>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Progress: </span>
        <p role="status" aria-live="polite">
          {job.status === "queued" ? (job.attempts > 0 ? "Waiting to try again" : "Waiting to start") : job.stage} (
          {job.percent}% done)
        </p>
        <progress className="cw-progress" max={100} value={job.percent} aria-label="Report progress">
          {job.percent}%
        </progress>
        {job.lastError && job.status === "queued" ? (
          <p>
            The last attempt stopped: {job.lastError} It will be tried again (attempt {job.attempts + 1} of{" "}
            {job.maxAttempts}).
          </p>
        ) : null}
      </div>
      <p>
        <Link to="/reports">Back to reports</Link> (the report will be in the list when it is ready)
      </p>
    </>
  );
}
