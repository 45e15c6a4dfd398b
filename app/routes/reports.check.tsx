import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { checkCopy } from "~/reports/access.server";
import { MAX_UPLOAD_BYTES, normaliseChecksum, uploadProblem } from "~/reports/check";
import { PageHeading } from "~/ui/PageHeading";
import { formatDateTime } from "~/ui/format";
import styles from "~/reports/ui/report.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Check a copy of a report – Connect Well" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "reports:view");
  return null;
}

type Refusal = { errors: Record<string, string>; values: { sha256?: string } };

function refuse(field: "file" | "sha256", message: string, values: Refusal["values"] = {}) {
  return data({ result: null, errors: { [field]: message }, values }, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "reports:view");
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) {
    // Refused unread: the declared length is enough to know no archived report is that large.
    await request.body?.cancel().catch(() => {});
    return refuse("file", uploadProblem({ size: declared })!);
  }
  let form: FormData;
  try {
    // The file form is multipart, read part by part: a file part larger than any archived report is refused as
    // soon as that much has arrived, however the upload declared its length (a chunked one declares none).
    // The checksum form is a plain form post.
    const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
    form = multipart
      ? await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }),
        )
      : await request.formData();
  } catch (error) {
    await request.body?.cancel().catch(() => {});
    if (error instanceof MaxPartSizeExceededError) {
      return refuse("file", uploadProblem({ size: MAX_UPLOAD_BYTES + 1 })!);
    }
    return refuse("file", "The upload could not be read. Choose the file again");
  }
  const file = form.get("file");
  if (form.get("how") === "file" || file instanceof File) {
    if (!(file instanceof File)) return refuse("file", uploadProblem(null)!);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const problem = uploadProblem({ size: bytes.byteLength, bytes });
    if (problem) return refuse("file", problem);
    const result = await checkCopy(context.db, guard, { bytes });
    return { result: serialise(result), errors: null, values: {} };
  }
  const pasted = String(form.get("sha256") ?? "").slice(0, 200);
  if (!pasted.trim()) return refuse("sha256", "Enter the checksum (SHA-256) to look for", { sha256: pasted });
  const sha256 = normaliseChecksum(pasted);
  if (!sha256) {
    return refuse("sha256", "Enter the SHA-256 as 64 characters, each 0 to 9 or a to f", { sha256: pasted });
  }
  const result = await checkCopy(context.db, guard, { sha256 });
  return { result: serialise(result), errors: null, values: { sha256: pasted } };
}

function serialise(result: Awaited<ReturnType<typeof checkCopy>>) {
  return result.outcome === "match"
    ? {
        outcome: "match" as const,
        how: result.how,
        sha256: result.sha256,
        id: result.report.id,
        title: result.report.title,
        generatedAt: result.report.generatedAt.toISOString(),
        generatedBy: result.report.generatedBy.name,
      }
    : { outcome: "none" as const, how: result.how, sha256: result.sha256 };
}

export default function CheckCopy() {
  const answer = useActionData<typeof action>();
  const errors = (answer?.errors ?? undefined) as Record<string, string> | undefined;
  const result = answer?.result ?? null;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <PageHeading back={{ to: "/reports", text: "Back to reports" }} errors={errors}>
          Check a copy of a report
        </PageHeading>
        <p className="nhsuk-lede-text">
          Find out whether a PDF is an unaltered copy of an archived report. The file is read to work out its checksum
          and is not kept.
        </p>
        {result ? (
          result.outcome === "match" ? (
            <div className="nhsuk-card nhsuk-card--feature" role="status">
              <div className="nhsuk-card__content nhsuk-card__content--feature">
                <h2 className="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">
                  This is an unaltered copy
                </h2>
                <p className="nhsuk-card__description">
                  It is <Link to={`/reports/${result.id}`}>{result.title}</Link>, generated{" "}
                  {formatDateTime(result.generatedAt)} by {result.generatedBy}.
                </p>
                <p className="nhsuk-body-s">
                  SHA-256: <code className="cw-checksum">{result.sha256}</code>
                </p>
              </div>
            </div>
          ) : (
            <div className="nhsuk-warning-callout" role="status">
              <h2 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  It matches no report you can see
                </span>
              </h2>
              <p>
                {result.how === "file"
                  ? "This file is not an archived report, or it has been changed since it was generated (even re-saving a PDF changes it), or it has not been shared with you."
                  : "No archived report you can see has this checksum."}
              </p>
              <p className="nhsuk-body-s">
                SHA-256 {result.how === "file" ? "of the file" : "looked for"}:{" "}
                <code className="cw-checksum">{result.sha256}</code>
              </p>
            </div>
          )
        ) : null}

        <h2>Upload the PDF</h2>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="how" value="file" />
          <div className={`nhsuk-form-group${errors?.file ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label" htmlFor="file">
              Report PDF
            </label>
            <div className="nhsuk-hint" id="file-hint">
              The PDF file exactly as you received it, up to 10 MB.
            </div>
            {errors?.file ? (
              <span className="nhsuk-error-message" id="file-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {errors.file}
              </span>
            ) : null}
            <input
              className={`nhsuk-file-upload${errors?.file ? " nhsuk-file-upload--error" : ""}`}
              id="file"
              name="file"
              type="file"
              accept="application/pdf,.pdf"
              aria-describedby={`file-hint${errors?.file ? " file-error" : ""}`}
            />
          </div>
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Check the file
          </button>
        </Form>

        <h2>Or paste its checksum</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="how" value="checksum" />
          <div className={`nhsuk-form-group${errors?.sha256 ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label" htmlFor="sha256">
              SHA-256 checksum
            </label>
            <div className="nhsuk-hint" id="sha256-hint">
              64 characters, 0 to 9 and a to f, as shown on the report&apos;s page or worked out by a tool such as
              sha256sum.
            </div>
            {errors?.sha256 ? (
              <span className="nhsuk-error-message" id="sha256-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {errors.sha256}
              </span>
            ) : null}
            <input
              className={`nhsuk-input${errors?.sha256 ? " nhsuk-input--error" : ""}`}
              id="sha256"
              name="sha256"
              type="text"
              spellCheck={false}
              autoComplete="off"
              defaultValue={answer?.values?.sha256 ?? ""}
              aria-describedby={`sha256-hint${errors?.sha256 ? " sha256-error" : ""}`}
            />
          </div>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
            Check the checksum
          </button>
        </Form>
      </div>
    </div>
  );
}
