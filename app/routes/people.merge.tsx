import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound } from "~/errors";
import { isUuid } from "~/params";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/roles";
import { mergePeople, readMergePair } from "~/person-record/merge.server";
import { formatNhsNumber } from "~/forms/nhs-number";
import { Radios } from "~/ui/choices";
import { revalidateAfterConflict } from "~/ui/form";
import { formatDate, formatIsoDate } from "~/ui/format";
import { version } from "~/forms/fields";
import { readForm, type FieldErrors } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { PageHeading } from "~/ui/PageHeading";

export const meta: MetaFunction = () => [{ title: "Compare and merge records – Connect Well" }];
export const shouldRevalidate = revalidateAfterConflict;

// The pair travels as record ids in the query string (never names), so the page can be reloaded and shared.

function pairOf(a: unknown, b: unknown) {
  if (!isUuid(a) || !isUuid(b) || a === b) notFound("Records");
  return { a, b };
}

type Side = NonNullable<Awaited<ReturnType<typeof readMergePair>>>["keep"];

function view(p: Side) {
  return {
    id: p.id,
    version: p.version,
    name: `${p.given_name} ${p.family_name}`,
    rows: {
      name: `${p.given_name} ${p.family_name}`,
      preferredName: p.preferred_name,
      dateOfBirth: formatIsoDate(p.date_of_birth),
      nhsNumber: p.nhs_number ? formatNhsNumber(p.nhs_number) : null,
      town: p.town,
      postcode: p.postcode,
      district: p.district,
      phone: p.phone,
      email: p.email,
      gpPractice: p.gp_practice,
      created: formatDate(p.created_at),
      referrals: String(Number(p.referrals ?? 0)),
      notes: String(Number(p.notes ?? 0)),
    } as Record<string, string | null>,
  };
}

const fields: [string, string][] = [
  ["name", "Name"],
  ["preferredName", "Preferred name"],
  ["dateOfBirth", "Date of birth"],
  ["nhsNumber", "NHS number"],
  ["town", "Town or city"],
  ["postcode", "Postcode"],
  ["district", "District"],
  ["phone", "Phone"],
  ["email", "Email"],
  ["gpPractice", "GP practice"],
  ["created", "Record created"],
  ["referrals", "Referrals"],
  ["notes", "Case notes"],
];

function summary(rows: Record<string, string | null>) {
  const n = Number(rows.referrals);
  return `Created ${rows.created}; ${n === 1 ? "1 referral" : `${n} referrals`}`;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "people:merge");
  const url = new URL(request.url);
  const { a, b } = pairOf(url.searchParams.get("a"), url.searchParams.get("b"));
  const pair = await readMergePair(context.db, actorOf(guard), a, b);
  if (!pair) return { gone: true as const, canRead: can(guard.user.role, "people:read") };
  const first = view(pair.keep);
  const second = view(pair.merge);
  return {
    gone: false as const,
    canRead: can(guard.user.role, "people:read"),
    first,
    second,
    differentNhsNumbers: Boolean(
      pair.keep.nhs_number && pair.merge.nhs_number && pair.keep.nhs_number !== pair.merge.nhs_number,
    ),
  };
}

const schema = z.object({
  a: z.uuid(),
  b: z.uuid(),
  aVersion: version,
  bVersion: version,
  keep: z.enum(["a", "b"], { error: "Select which record to keep" }),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "people:merge");
  const parsed = await readForm(request, schema);
  if (!parsed.ok) {
    const errors: FieldErrors = parsed.errors.keep
      ? { keep: parsed.errors.keep }
      : { form: "The form has expired: reload the page and try again" };
    return reply({ errors, values: parsed.values });
  }
  const d = parsed.data;
  const [keepId, mergeId] = d.keep === "a" ? [d.a, d.b] : [d.b, d.a];
  const [keepVersion, mergeVersion] = d.keep === "a" ? [d.aVersion, d.bVersion] : [d.bVersion, d.aVersion];
  // Only the choice is kept: after a refusal the page shows both records as they now stand.
  return attempt(
    { values: { keep: d.keep } },
    async () => {
      const done = await mergePeople(
        context.db,
        { ...actorOf(guard), userId: guard.user.id },
        { keepId, mergeId, keepVersion, mergeVersion },
      );
      if (!done) notFound("Records");
      return redirect(
        can(guard.user.role, "people:read") ? `/people/${keepId}?merged=1` : "/people/duplicates?merged=1",
      );
    },
    {
      conflict:
        "One of these records was changed while you were comparing them. The details below are now up to date: check them and merge again.",
    },
  );
}

export default function MergePeople() {
  const loaded = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormReply<typeof action>();
  const back = { to: "/people/duplicates", text: "Back to possible duplicates" };
  if (loaded.gone) {
    return (
      <>
        <PageHeading back={back} errors={errors}>
          These records cannot be merged
        </PageHeading>
        <p>
          One of them has already been merged into another record, or no longer exists. Go back to the list of possible
          duplicates to see what is left to check.
        </p>
      </>
    );
  }
  const { first, second, differentNhsNumbers } = loaded;
  const cell = (v: string | null) => v ?? <span className="app-muted">Not recorded</span>;
  return (
    <>
      <PageHeading back={back} errors={errors}>
        Compare two records
      </PageHeading>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p>
            Check these are the same person before merging, for example by asking them or their GP practice. Details
            that differ are marked.
          </p>
        </div>
      </div>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">The two records side by side</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              <span className="nhsuk-u-visually-hidden">Detail</span>
            </th>
            <th scope="col" className="nhsuk-table__header">
              First record
            </th>
            <th scope="col" className="nhsuk-table__header">
              Second record
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {fields.map(([key, label]) => {
            const [x, y] = [first.rows[key], second.rows[key]];
            const differs =
              key !== "created" && key !== "referrals" && key !== "notes" && x !== null && y !== null && x !== y;
            return (
              <tr key={key} className="nhsuk-table__row">
                <th scope="row" className="nhsuk-table__header">
                  {label}
                  {differs ? (
                    <>
                      <br />
                      <strong className="nhsuk-tag nhsuk-tag--yellow">Differs</strong>
                    </>
                  ) : null}
                </th>
                <td className="nhsuk-table__cell">{cell(x)}</td>
                <td className="nhsuk-table__cell">{cell(y)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {differentNhsNumbers ? (
            <div className="nhsuk-warning-callout">
              <h2 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>These are different people
                </span>
              </h2>
              <p>
                The two records have different NHS numbers, so they cannot be merged. If one number was typed wrongly,
                correct it on that record first.
              </p>
              {loaded.canRead ? (
                <p>
                  <Link to={`/people/${first.id}/edit`}>
                    Change the first record<span className="nhsuk-u-visually-hidden">: {first.name}</span>
                  </Link>
                  {" or "}
                  <Link to={`/people/${second.id}/edit`}>
                    change the second record<span className="nhsuk-u-visually-hidden">: {second.name}</span>
                  </Link>
                </p>
              ) : null}
            </div>
          ) : (
            <>
              <h2>Merge the records</h2>
              <p>
                The record you keep takes the other record’s referrals, notes, attendance, measures and care team, and
                any details it does not have. Where both records hold a detail, the kept record’s value stays: correct
                it afterwards if needed. The other record is kept for the audit trail, marked as merged, and links to it
                lead to the kept record.
              </p>
              <Form method="post" noValidate>
                <input type="hidden" name="a" value={first.id} />
                <input type="hidden" name="b" value={second.id} />
                <input type="hidden" name="aVersion" value={first.version} />
                <input type="hidden" name="bVersion" value={second.version} />
                <Radios
                  name="keep"
                  legend="Which record should be kept?"
                  hint="Usually the more complete record, or the one in use for longer."
                  legendSize="m"
                  value={values.keep}
                  error={errors?.keep}
                  options={[
                    { value: "a", label: `Keep the first record (${first.name})`, hint: summary(first.rows) },
                    { value: "b", label: `Keep the second record (${second.name})`, hint: summary(second.rows) },
                  ]}
                />
                <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={busy}>
                  Merge records
                </button>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}
