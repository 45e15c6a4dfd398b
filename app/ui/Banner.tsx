/**
 * The NHS.UK notification banner: a small heading (`title`, "Important" or "Success") above `heading`, the message
 * itself, and then `children` (a next step, a button). `role` is `alert` for news of what was just done and
 * `alertdialog` when the banner asks for an answer; `id` names the heading for `aria-labelledby`.
 */
export function NotificationBanner({
  title,
  heading,
  id,
  role,
  success = false,
  className,
  children,
}: {
  title: string;
  heading: React.ReactNode;
  id: string;
  role: "alert" | "alertdialog";
  success?: boolean;
  className?: string;
  children?: React.ReactNode;
}) {
  const classes = ["nhsuk-notification-banner", success && "nhsuk-notification-banner--success", className];
  return (
    <div className={classes.filter(Boolean).join(" ")} role={role} aria-labelledby={id}>
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}

/**
 * The NHS.UK success notification banner: `children` is its heading (what was done); `more` is what follows it, such
 * as the next step.
 */
export function SuccessBanner({ children, more }: { children: React.ReactNode; more?: React.ReactNode }) {
  return (
    <NotificationBanner title="Success" heading={children} id="success-title" role="alert" success>
      {more}
    </NotificationBanner>
  );
}

export function Tag({
  colour,
  children,
}: {
  colour: "green" | "red" | "orange" | "yellow" | "grey" | "blue" | "white";
  children: React.ReactNode;
}) {
  return <strong className={`nhsuk-tag nhsuk-tag--${colour}`}>{children}</strong>;
}
