import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IDLE_TIMEOUT_MS } from "~/auth/session.server";
import { StatementPage } from "~/ui/StatementPage";

export const meta: MetaFunction = () => [{ title: "Privacy notice – Connect Well" }];

// Public and static: the same page for everyone, signed in or not.
/** The time-out the notice quotes comes from the session rules themselves, so the two cannot drift apart. */
export async function loader() {
  return { idleMinutes: IDLE_TIMEOUT_MS / 60_000 };
}

export default function Privacy() {
  const { idleMinutes } = useLoaderData<typeof loader>();
  return (
    <StatementPage title="Privacy notice">
      <p className="nhsuk-lede-text">
        Connect Well is the social prescribing service for Leicester, Leicestershire and Rutland. This notice says what
        we hold about you, why, for how long, and what you can ask us to do.
      </p>
      <h2>What we collect</h2>
      <ul>
        <li>
          Who you are and how to reach you: your name, date of birth, address or postcode, phone number and email
          address, and your NHS number if your GP practice gave it.
        </li>
        <li>
          Why you were referred and what gets in the way (for example loneliness, bereavement, no transport), and the
          activities you were referred to, whether you went and what the group said.
        </li>
        <li>
          Your answers to short wellbeing and loneliness questionnaires, if you agree to answer them, and notes the
          people supporting you write.
        </li>
        <li>
          If you asked for a call back on our &ldquo;Start a conversation&rdquo; page: what you wrote there, the topics
          you chose and when you said it is best to call.
        </li>
        <li>Equality information (such as ethnic group), only if you choose to give it.</li>
      </ul>
      <h2>Why we use it, and our lawful basis</h2>
      <p>
        We use your information to provide your care: to find activities that suit you, refer you to them and check they
        are helping. This is direct care. Our lawful basis is UK GDPR Article 6(1)(e), a task in the public interest,
        and for health information Article 9(2)(h), the provision of health and social care.
      </p>
      <p>
        Activity leads see only what they need to run a group: your name, how to contact you, access needs and what the
        person who referred you asked them to know. They never see your NHS number, your questionnaire scores or notes.
      </p>
      <p>
        Public health analysts and commissioners see only counts and averages for groups of people, with small numbers
        hidden, so that no one can be identified. We ask separately before we quote anything you said.
      </p>
      <h2>How long we keep it</h2>
      <p>
        We keep your record for 8 years after your last contact with the service, as the NHS Records Management Code of
        Practice sets out for adult care records, and then delete it. A call-back request that does not lead to support
        is kept for 12 months.
      </p>
      <h2>Your rights</h2>
      <p>
        You can ask for a copy of everything we hold about you, including a list of who has looked at your record. You
        can ask us to correct anything that is wrong, and you can object to how we use your information. We will answer
        within one month.
      </p>
      <h2>Contact</h2>
      <p>
        Speak to your social prescribing link worker at your GP practice or your Local Area Coordinator, or write to the
        Data Protection Officer of the organisation that holds your record: they can tell you who that is. If you are
        unhappy with our answer you can complain to the Information Commissioner&apos;s Office (ico.org.uk, 0303 123
        1113).
      </p>
      <p>
        Staff who use the service are signed out after {idleMinutes} minutes without activity, and every look at a
        record is logged. See also our <Link to="/cookies">cookies statement</Link> and{" "}
        <Link to="/accessibility">accessibility statement</Link>.
      </p>
    </StatementPage>
  );
}
