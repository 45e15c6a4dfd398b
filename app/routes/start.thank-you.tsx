import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Thank you – Connect Well" }];

// Says nothing about what was received or matched: the page is the same for everyone.
export async function loader() {
  return null;
}

export default function ThankYou() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div className="nhsuk-panel nhsuk-panel--confirmation">
          <h1 className="nhsuk-panel__title">Thank you</h1>
          <div className="nhsuk-panel__body">We have your request for a call back</div>
        </div>
        <h2>What happens next</h2>
        <p>
          A Local Area Coordinator will try to call you within 3 working days, at the time you asked for if they can.
        </p>
        <p>
          If you need help sooner, call 111. In an emergency, call 999. You can call Samaritans free, day or night, on
          116 123.
        </p>
        <p>
          <Link to="/start">Back to the start</Link>
        </p>
      </div>
    </div>
  );
}
