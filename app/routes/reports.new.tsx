import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { londonToday } from "~/calendar";
import { askForReport } from "~/reports/access.server";
import { reportRequestSchema } from "~/reports/params";
import { scopeChoices } from "~/reports/request.server";
import { periodGroups, scopeGroups } from "~/reports/ui/choices";
import { PeriodScopeFields } from "~/reports/ui/PeriodScopeFields";
import { PageHeading } from "~/ui/PageHeading";
import { parseForm } from "~/forms/parse";
import { reply } from "~/forms/reply";

export const meta: MetaFunction = () => [{ title: "Generate a report – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "reports:manage");
  const today = londonToday();
  return { periods: periodGroups(today), scopes: scopeGroups(await scopeChoices(context.db)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "reports:manage");
  const form = await request.formData();
  const parsed = parseForm(reportRequestSchema, form);
  if (!parsed.ok) return reply(parsed);
  const result = await askForReport(
    context.db,
    guard,
    { period: parsed.data.period, scopeKind: parsed.data.scope.kind, scopeId: parsed.data.scope.id },
    londonToday(),
  );
  if (!result.ok) {
    return reply({ errors: { [result.refusal.field]: result.refusal.message }, values: parsed.values });
  }
  return redirect(`/reports/jobs/${result.jobId}`);
}

export default function NewReport() {
  const { periods, scopes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors as Record<string, string> | undefined;
  const values = (result?.values ?? {}) as Record<string, string>;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: "/reports", text: "Back to reports" }} errors={errors}>
          Generate an outcome report
        </PageHeading>
        <p>
          The report holds the same figures as the outcome dashboard for the period and scope you choose, under the same
          small-number rule, with a summary, charts, people&apos;s words and methods. It is archived with its PDF and
          can then be shared with commissioners. It takes a few seconds.
        </p>
        <Form method="post" noValidate>
          <PeriodScopeFields
            periods={periods}
            scopes={scopes}
            errors={errors}
            values={values}
            periodHint="A quarter, a month or a financial year (April to March). A period still running covers the days so far."
            scopeLabel="What the report covers"
          />
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Generate report
          </button>
        </Form>
      </div>
    </div>
  );
}
