import type { MetaFunction } from "@remix-run/node";
import { StatementPage } from "~/ui/StatementPage";

export const meta: MetaFunction = () => [{ title: "Accessibility statement – Connect Well" }];

// The known issues below are the ones the service has today; update the list when one is fixed or found.
export default function Accessibility() {
  return (
    <StatementPage title="Accessibility statement" linkToPrivacy>
      <p className="nhsuk-lede-text">
        We want as many people as possible to be able to use Connect Well, whether they are asking for a call back or
        supporting people as staff.
      </p>
      <p>You should be able to:</p>
      <ul>
        <li>zoom in up to 400% without text spilling off the screen, and use it on a phone</li>
        <li>get through every page and form using only a keyboard</li>
        <li>use it with a screen reader such as NVDA, JAWS or VoiceOver</li>
        <li>use every form without JavaScript</li>
      </ul>
      <p>
        It is built on the NHS.UK design system, and every page is checked automatically against the Web Content
        Accessibility Guidelines (WCAG) 2.2 at levels A and AA before each release.
      </p>
      <h2>Compliance status</h2>
      <p>
        This service is partially compliant with WCAG 2.2 AA, because of the issues listed below. We are working to fix
        them.
      </p>
      <h2>Known issues</h2>
      <ul>
        <li>
          PDF outcome reports are not tagged, so a screen reader may read them in the wrong order and cannot describe
          their charts (WCAG 1.3.1 and 1.1.1). The same figures are on the outcome report web page, with a table for
          every chart.
        </li>
        <li>
          Staff are signed out after a period without activity. A warning appears first and lets you stay signed in, but
          a screen reader user who is away from the page may miss it (WCAG 2.2.1).
        </li>
        <li>
          Charts on the outcome dashboard cannot be explored by keyboard; each has a table with the same figures below
          it.
        </li>
      </ul>
      <h2>Tell us about a problem</h2>
      <p>
        If you find a problem not listed here, or need information in another format such as large print, easy read or
        audio, tell your link worker or Local Area Coordinator. Staff can report it to the service desk. We will reply
        within 5 working days.
      </p>
      <h2>Enforcement</h2>
      <p>
        The Equality and Human Rights Commission enforces the Public Sector Bodies (Websites and Mobile Applications)
        (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the
        Equality Advisory and Support Service (EASS).
      </p>
      <h2>How we tested</h2>
      <p>
        Every page is tested with the axe accessibility checker in Chromium, at desktop and phone widths, as part of
        each release. This statement was last reviewed in November 2026.
      </p>
    </StatementPage>
  );
}
