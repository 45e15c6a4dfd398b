import { useFetcher, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { NotificationBanner } from "./Banner";
import { useReportedSessionTime, useSessionClock } from "./session-clock";

const WARN_BEFORE_MS = 2 * 60 * 1000;

// Warns before the idle timeout and lets the user stay signed in. Without JavaScript the session simply
// ends and the next request asks them to sign in again. Shown only to a signed-in user, inside <SessionClock>.
export function IdleWarning() {
  const fetcher = useFetcher<{ remainingMs: number }>();
  const navigate = useNavigate();
  const { deadline: known } = useSessionClock();
  const [now, setNow] = useState(() => Date.now());
  const deadline = known ?? Number.POSITIVE_INFINITY;

  useReportedSessionTime(fetcher.data);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (now >= deadline) navigate(`/sign-in?reason=expired&returnTo=${encodeURIComponent(window.location.pathname)}`);
  }, [now, deadline, navigate]);

  const left = deadline - now;
  if (left > WARN_BEFORE_MS) return null;
  const minutes = Math.max(0, Math.ceil(left / 60000));
  return (
    <NotificationBanner
      title="Important"
      heading={`For your security, you will be signed out in ${minutes} ${minutes === 1 ? "minute" : "minutes"} if you do nothing.`}
      id="idle-warning-title"
      role="alertdialog"
      className="app-idle-warning"
    >
      <fetcher.Form method="post" action="/session/keepalive">
        <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
          Stay signed in
        </button>
      </fetcher.Form>
    </NotificationBanner>
  );
}
