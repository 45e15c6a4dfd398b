import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { londonToday } from "~/calendar";
import { parsePeriod } from "~/outcomes/periods";
import { costPage, saveCostForm } from "~/reports/access.server";
import { costFormSchema, formatPounds } from "~/reports/costs";
import { periodGroups, scopeGroups } from "~/reports/ui/choices";
import { PeriodScopeFields } from "~/reports/ui/PeriodScopeFields";
import { Textarea, TextInput } from "~/ui/form";
import { formatDateTime } from "~/ui/format";
import { parseForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { PageHeading } from "~/ui/PageHeading";

/** A period's name for the table ("July to September 2026 (Q3)"), or its key if it cannot be read. */
function periodName(key: string, today: string): string {
  const parsed = parsePeriod(key, today);
  return parsed.ok ? parsed.period.label : key;
}

export const meta: MetaFunction = () => [{ title: "Service costs – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "reports:costs");
  const { costs, choices } = await costPage(context.db);
  const today = londonToday();
  return {
    periods: periodGroups(today),
    scopes: scopeGroups(choices),
    costs: costs.map((c) => ({
      id: c.id,
      period: periodName(c.periodKey, today),
      scope: c.scopeLabel,
      cost: formatPounds(c.costPence),
      note: c.note,
      enteredBy: c.enteredBy,
      enteredAt: c.enteredAt.toISOString(),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "reports:costs");
  const form = await request.formData();
  const parsed = parseForm(costFormSchema, form);
  if (!parsed.ok) return reply(parsed, { extra: { saved: false } });
  const result = await saveCostForm(context.db, guard, parsed.data, londonToday());
  if (!result.ok) {
    return reply({ errors: result.errors, values: parsed.values }, { extra: { saved: false } });
  }
  return { saved: true, errors: null, values: {} as Record<string, string> };
}

export default function Costs() {
  const { periods, scopes, costs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? undefined) as Record<string, string> | undefined;
  const values = (result?.values ?? {}) as Record<string, string>;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeading back={{ to: "/reports", text: "Back to reports" }} errors={errors}>
        Service costs
      </PageHeading>
      <p className="nhsuk-lede-text">
        A report shows value for money (cost per person supported, completing, and improving) only for a period and
        scope with a cost entered here. Nothing is estimated.
      </p>
      {result?.saved ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Cost saved. Reports generated from now on for that period and scope will use it.</p>
        </div>
      ) : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2>Enter a cost</h2>
          <Form method="post" noValidate key={result?.saved ? "saved" : "form"}>
            <PeriodScopeFields
              periods={periods}
              scopes={scopes}
              errors={errors}
              values={values}
              scopeLabel="What the cost covers"
            />
            <TextInput
              name="cost"
              label="Cost in pounds"
              hint="The full cost of delivering it in the period, such as 48,500 or 48500.00. Entering a cost again for the same period replaces it."
              inputMode="text"
              width={10}
              error={errors?.cost}
              defaultValue={values.cost}
            />
            <Textarea
              name="note"
              label="Note (optional)"
              hint="Where the figure comes from, for whoever reads the audit trail. No personal details."
              rows={3}
              error={errors?.note}
              defaultValue={values.note}
            />
            <button className="nhsuk-button" type="submit" disabled={busy}>
              Save cost
            </button>
          </Form>
        </div>
      </div>
      <h2>Costs entered</h2>
      {costs.length === 0 ? (
        <p>No costs have been entered yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Costs entered</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Period
              </th>
              <th scope="col" className="nhsuk-table__header">
                Covers
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Cost
              </th>
              <th scope="col" className="nhsuk-table__header">
                Entered
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {costs.map((c) => (
              <tr key={c.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">{c.period}</td>
                <td className="nhsuk-table__cell">{c.scope}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.cost}</td>
                <td className="nhsuk-table__cell">
                  {formatDateTime(c.enteredAt)} by {c.enteredBy}
                  {c.note ? <span className="nhsuk-hint nhsuk-u-margin-bottom-0">{c.note}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
