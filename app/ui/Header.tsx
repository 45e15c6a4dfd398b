import { Form, NavLink } from "@remix-run/react";

const SERVICE_NAME = "Connect Well";

interface Props {
  user: { displayName: string; roleLabel: string; home: string } | null;
  nav: { href: string; text: string }[];
}

/**
 * How many entries a phone's menu shows in its two rows, "More" included: a longer menu shows the first ones and
 * "More" holding the rest (the administrator's eight items wrapped onto three rows).
 */
const PHONE_MENU_ITEMS = 4;

/** True when item `i` of `nav` sits under "More" on a phone. */
const overflows = (nav: readonly unknown[], i: number) => nav.length > PHONE_MENU_ITEMS && i >= PHONE_MENU_ITEMS - 1;

export function Header({ user, nav }: Props) {
  const home = user?.home ?? "/";
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <a className="nhsuk-header__service-logo" href={home} aria-label={`NHS ${SERVICE_NAME} homepage`}>
            <svg
              className="nhsuk-header__logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 200 80"
              height="40"
              width="100"
              focusable="false"
              role="img"
              aria-label="NHS"
            >
              <title>NHS</title>
              <path
                fill="currentcolor"
                d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
              />
            </svg>
            <span className="nhsuk-header__service-name">{SERVICE_NAME}</span>
          </a>
        </div>
        {user ? (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item">
                {user.displayName} <span className="nhsuk-u-visually-hidden">signed in as</span>({user.roleLabel})
              </li>
              <li className="nhsuk-header__account-item">
                <Form method="post" action="/sign-out" className="nhsuk-header__account-form">
                  <button className="nhsuk-header__account-button" type="submit">
                    Sign out
                  </button>
                </Form>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
      {nav.length > 0 ? (
        <nav className="nhsuk-header__navigation" aria-label="Menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {nav.map((item, i) => (
                <li
                  key={item.href}
                  className={`nhsuk-header__navigation-item${overflows(nav, i) ? " app-nav-overflow" : ""}`}
                >
                  <NavLink className="nhsuk-header__navigation-link" to={item.href} prefetch="none">
                    {item.text}
                  </NavLink>
                </li>
              ))}
              {nav.length > PHONE_MENU_ITEMS ? (
                // On a phone the items past the first few move under "More", so the menu keeps to two rows; a
                // disclosure, so it opens without JavaScript. Wider screens show every item in the row above.
                <li className="nhsuk-header__navigation-item app-nav-more">
                  <details>
                    <summary className="nhsuk-header__navigation-link">More</summary>
                    <ul className="nhsuk-header__navigation-list app-nav-more__list">
                      {nav.slice(PHONE_MENU_ITEMS - 1).map((item) => (
                        <li key={item.href} className="nhsuk-header__navigation-item">
                          <NavLink className="nhsuk-header__navigation-link" to={item.href} prefetch="none">
                            {item.text}
                          </NavLink>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ) : null}
            </ul>
          </div>
        </nav>
      ) : null}
    </header>
  );
}
