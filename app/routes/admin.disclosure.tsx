import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { choice } from "~/forms/fields";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { getDisclosureRule, setDisclosureRule } from "~/outcomes/disclosure-rule.server";
import { disclosureRules } from "~/outcomes/disclosure";
import { Radios } from "~/ui/choices";
import { ErrorSummary } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Small-number rule – Administration – Connect Well" }];

const ruleNames = Object.fromEntries(Object.values(disclosureRules).map((r) => [r.code, r.name])) as Record<
  keyof typeof disclosureRules,
  string
>;
const schema = z.object({ rule: choice(ruleNames, "Select the rule the dashboard and reports use") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "outcomes:configure");
  const current = await getDisclosureRule(context.db);
  return { current, saved: new URL(request.url).searchParams.get("saved") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "outcomes:configure");
  const parsed = await readForm(request, schema);
  if (!parsed.ok) return reply(parsed);
  return attempt(parsed, async () => {
    await setDisclosureRule(context.db, actorOf(guard), parsed.data.rule);
    return redirect("/admin/disclosure?saved=1");
  });
}

export default function DisclosureSetting() {
  const { current, saved } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormReply<typeof action>({ rule: current });
  const rule = disclosureRules[current];
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Small-number rule</h1>
      <p className="nhsuk-lede-text">
        How the outcome dashboard, its downloads and outcome reports protect small groups of people.
      </p>
      {saved ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Saved. Figures now use the {rule.name.toLowerCase()}.</p>
        </div>
      ) : null}
      <p>
        In use now: <strong>{rule.name}</strong>.
      </p>
      <Form method="post" noValidate>
        <Radios
          name="rule"
          legend="Which rule should published figures use?"
          legendSize="m"
          hint="The change applies to every view and download from now on. Reports already archived keep the rule they were made with."
          error={errors.rule}
          value={values.rule}
          options={Object.values(disclosureRules).map((r) => ({ value: r.code, label: r.name, hint: r.description }))}
        />
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Save rule
        </button>
      </Form>
      <p>
        <Link to="/admin">Back to administration</Link>
      </p>
    </>
  );
}
