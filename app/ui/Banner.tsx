/**
 * The NHS.UK success notification banner: `children` is its heading (what was done); `more` is what follows it, such
 * as the next step.
 */
export function SuccessBanner({ children, more }: { children: React.ReactNode; more?: React.ReactNode }) {
  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby="success-title"
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="success-title">
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{children}</p>
        {more}
      </div>
    </div>
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
