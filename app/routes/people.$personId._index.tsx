import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/errors";
import { actorOf } from "~/auth/guards.server";
import { requirePersonAccess } from "~/care-team/access.server";
import { can, roleLabels } from "~/auth/roles";
import { MeasuresSummary } from "~/measures/ui/MeasuresSummary";
import { ethnicityLabels, imdQuintile, sexes } from "~/people/equality";
import { formatNhsNumber } from "~/forms/nhs-number";
import { addCaseNote } from "~/people/notes.server";
import { noteKinds, noteSchema, NOTE_MAX } from "~/people/notes";
import { contactMethods, consentKinds, lawfulBasisText } from "~/people/person-form";
import { readPersonRecord } from "~/person-record/read.server";
import { careTeamMembers } from "~/people/care-team";
import { ageOn, londonToday } from "~/calendar";
import { Timeline } from "~/ui/Timeline";
import { statusLabels } from "~/referrals/lifecycle";
import { Radios } from "~/ui/choices";
import { ErrorSummary, Textarea } from "~/ui/form";
import { formatDate, formatIsoDate } from "~/ui/format";
import { readForm } from "~/forms/parse";
import { attempt, reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { idParam } from "~/params";
import { labelOf } from "~/labels";
import { NoticeBanner, noticeFrom } from "~/ui/Notice";
import { TableHead } from "~/ui/Table";

export const meta: MetaFunction = () => [{ title: "Person – Connect Well" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:read");
  const record = await readPersonRecord(
    context.db,
    { ...actorOf(guard), userId: guard.user.id },
    idParam(params.personId, "Person"),
  );
  if (!record) notFound("Person");
  if ("mergedInto" in record) throw redirect(`/people/${record.mergedInto}`);
  const p = record.person;
  return {
    notice: noticeFrom(request, {
      created: "The person has been recorded.",
      saved: "Changes saved.",
      merged: "The records have been merged.",
      noted: "Note saved.",
      teamAdded: "Added to the care team.",
    }),
    noteKey: crypto.randomUUID(),
    person: {
      id: p.id,
      name: `${p.given_name} ${p.family_name}`,
      preferredName: p.preferred_name,
      dateOfBirth: p.date_of_birth,
      age: ageOn(p.date_of_birth, londonToday()),
      nhsNumber: p.nhs_number,
      address: [p.address_line1, p.address_line2, p.town, p.postcode].filter(Boolean) as string[],
      district: p.district_name,
      phone: p.phone,
      email: p.email,
      preferredContact: p.preferred_contact ? labelOf(contactMethods, p.preferred_contact) : null,
      communicationNeeds: p.communication_needs,
      accessNeeds: p.access_needs,
      gpPractice: p.gp_practice,
      sex: p.sex ? labelOf(sexes, p.sex) : null,
      ethnicity: p.ethnicity ? labelOf(ethnicityLabels, p.ethnicity) : null,
      imd: p.imd_decile
        ? `Decile ${p.imd_decile} (quintile ${p.imd_quintile ?? imdQuintile(p.imd_decile)})`
        : p.imd_quintile
          ? `Quintile ${p.imd_quintile}`
          : null,
      lawfulBasis: lawfulBasisText,
    },
    consents: Object.entries(consentKinds).map(([kind, label]) => {
      const c = record.consents[kind];
      return {
        kind,
        label,
        state: c ? (c.given ? "Given" : "Not given") : "Not asked",
        at: c?.recordedAt.toISOString() ?? null,
      };
    }),
    careTeam: careTeamMembers(record.careTeam, (role) => labelOf(roleLabels, role)),
    referrals: record.referrals,
    timeline: record.timeline,
    measureItems: record.measureItems,
    measures: record.measures,
    canRecordMeasures: can(guard.user.role, "measures:record"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePersonAccess({ request, context, params }, "people:write");
  const personId = idParam(params.personId, "Person");
  const parsed = await readForm(request, noteSchema);
  if (!parsed.ok) return reply(parsed);
  return attempt(parsed, async () => {
    const id = await addCaseNote(context.db, { ...actorOf(guard), userId: guard.user.id }, personId, parsed.data);
    if (!id) notFound("Person");
    return redirect(`/people/${personId}?noted=1#notes`);
  });
}

// The side column is narrow, so each detail is stacked (label above value) rather than set out as a summary list.
function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="nhsuk-u-font-weight-bold">{label}</dt>
      <dd className="nhsuk-u-margin-left-0 nhsuk-u-margin-bottom-3">{children}</dd>
    </>
  );
}

const statusTag: Record<string, string> = {
  received: "nhsuk-tag--blue",
  contacted: "nhsuk-tag--purple",
  accepted: "nhsuk-tag--green",
  attending: "nhsuk-tag--green",
  declined: "nhsuk-tag--grey",
  ended: "nhsuk-tag--grey",
};

export default function PersonPage() {
  const {
    person: p,
    consents,
    careTeam,
    referrals,
    timeline,
    notice,
    noteKey,
    measures,
    measureItems,
    canRecordMeasures,
  } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormReply<typeof action>();
  const notRecorded = <span className="app-muted">Not recorded</span>;
  return (
    <>
      <Link className="nhsuk-back-link" to="/people">
        Back to people
      </Link>
      <NoticeBanner
        notice={notice}
        more={{
          // A person just recorded has no referral yet, and measures belong to one: the next step is offered here.
          created: (
            <p>
              Measures are recorded against a referral, so refer or signpost them before taking the baseline.{" "}
              <Link className="nhsuk-notification-banner__link" to={`/people/${p.id}/refer`}>
                Make a referral now
              </Link>
            </p>
          ),
        }}
      />
      <ErrorSummary errors={errors} />
      <h1>
        {p.name}
        {p.preferredName ? (
          <span className="nhsuk-caption-l nhsuk-caption--bottom">Known as {p.preferredName}</span>
        ) : null}
      </h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <Link className="nhsuk-button nhsuk-u-margin-right-3" to={`/people/${p.id}/refer`}>
            Refer or signpost
          </Link>
          <Link className="nhsuk-button nhsuk-button--secondary" to={`/people/${p.id}/edit`}>
            Change details
          </Link>

          <h2>Referrals</h2>
          {referrals.length === 0 ? (
            <p>No referrals yet.</p>
          ) : (
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Referrals</caption>
              <TableHead headings={["Activity", "Status", "Received", "Caseworker"]} />
              <tbody className="nhsuk-table__body">
                {referrals.map((r) => (
                  <tr key={r.id} className="nhsuk-table__row">
                    <td className="nhsuk-table__cell">
                      <Link to={`/referrals/${r.id}`}>{r.activityName ?? "Signposting"}</Link>
                      {r.kind === "signpost" && r.activityName ? " (signposting)" : ""}
                    </td>
                    <td className="nhsuk-table__cell">
                      <strong className={`nhsuk-tag ${statusTag[r.status]}`}>{statusLabels[r.status]}</strong>
                      {r.endReason ? ` ${r.endReason}` : ""}
                      {r.providerReplyOverdue ? (
                        <>
                          <br />
                          <strong className="nhsuk-tag nhsuk-tag--red nhsuk-u-margin-top-1">
                            Provider reply overdue
                          </strong>
                        </>
                      ) : null}
                    </td>
                    <td className="nhsuk-table__cell">{formatDate(r.receivedAt)}</td>
                    <td className="nhsuk-table__cell">{r.caseworker ?? "Not assigned"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <MeasuresSummary summary={measures} canRecord={canRecordMeasures} />

          <h2>Timeline</h2>
          <Timeline items={timeline} extra={measureItems} />

          <h2 id="notes">Add a note</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? noteKey} />
            <Radios
              name="kind"
              legend="What kind of note is this?"
              value={values.kind ?? "note"}
              error={errors?.kind}
              options={Object.entries(noteKinds).map(([value, label]) => ({ value, label }))}
            />
            <Textarea
              name="body"
              label="Note"
              hint={`Up to ${NOTE_MAX.toLocaleString("en-GB")} characters.`}
              rows={5}
              defaultValue={values.body}
              error={errors?.body}
            />
            <button className="nhsuk-button" type="submit" disabled={busy}>
              Save note
            </button>
          </Form>
        </div>
        <div className="nhsuk-grid-column-one-third">
          <h2 className="nhsuk-heading-m">Details</h2>
          <dl>
            <Row label="Date of birth">
              {formatIsoDate(p.dateOfBirth)} (age {p.age})
            </Row>
            <Row label="NHS number">{p.nhsNumber ? formatNhsNumber(p.nhsNumber) : notRecorded}</Row>
            <Row label="Address">
              {p.address.length
                ? p.address.map((l) => (
                    <span key={l}>
                      {l}
                      <br />
                    </span>
                  ))
                : notRecorded}
            </Row>
            <Row label="District">{p.district ?? notRecorded}</Row>
            <Row label="Phone">{p.phone ?? notRecorded}</Row>
            <Row label="Email">{p.email ?? notRecorded}</Row>
            <Row label="Preferred contact">{p.preferredContact ?? notRecorded}</Row>
            <Row label="Communication needs">{p.communicationNeeds ?? "None recorded"}</Row>
            <Row label="Access needs">{p.accessNeeds ?? "None recorded"}</Row>
            <Row label="GP practice">{p.gpPractice ?? notRecorded}</Row>
            <Row label="Sex">{p.sex ?? notRecorded}</Row>
            <Row label="Ethnic group">{p.ethnicity ?? notRecorded}</Row>
            <Row label="Deprivation (IMD)">{p.imd ?? notRecorded}</Row>
          </dl>
          <h2 className="nhsuk-heading-m">Lawful basis</h2>
          <p className="nhsuk-body-s">{p.lawfulBasis}</p>
          <h2 className="nhsuk-heading-m">Consent</h2>
          <dl>
            {consents.map((c) => (
              <Row key={c.kind} label={c.label}>
                {c.state}
                {c.at ? (
                  <span className="nhsuk-body-s app-muted">
                    <br />
                    Recorded {formatDate(c.at)}
                  </span>
                ) : null}
              </Row>
            ))}
          </dl>
          <h2 className="nhsuk-heading-m" id="care-team">
            Care team
          </h2>
          <ul className="nhsuk-list">
            {careTeam.map((m) => (
              <li key={m.id}>
                {m.name}, {m.role}
                <span className="nhsuk-body-s app-muted"> ({m.ways.join("; ")})</span>
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/people/${p.id}/care-team`}>Add someone to the care team</Link>
          </p>
        </div>
      </div>
    </>
  );
}
