import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { actorOf, requirePermission } from "~/auth/guards.server";
import { HAND_BACK_PATH } from "~/auth/session-scope";
import { notFound } from "~/errors";
import { idParam } from "~/params";
import { readForm } from "~/forms/parse";
import { reply } from "~/forms/reply";
import { useFormReply } from "~/forms/use-form-reply";
import { answerSelfStep, getSelfState } from "~/measures/self-completion.server";
import { getInstrument } from "~/measures/scoring";
import { selfStepSchema } from "~/measures/self-steps";
import { QuestionItem } from "~/measures/ui/QuestionItem";
import styles from "~/measures/ui/self-completion.css?url";
import { ErrorSummary } from "~/ui/form";

// No name or record data in the title either: it shows in the browser tab.
export const meta: MetaFunction = () => [{ title: "Your answers – Connect Well" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const guard = await requirePermission(request, context, "measures:record");
  const sessionId = idParam(params.sessionId, "Questionnaire");
  const state = await getSelfState(context.db, actorOf(guard), sessionId);
  if (!state) notFound("Questionnaire");
  return { state };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const guard = await requirePermission(request, context, "measures:record");
  const sessionId = idParam(params.sessionId, "Questionnaire");
  const parsed = await readForm(request, selfStepSchema);
  if (!parsed.ok) return reply({ errors: { answer: "Select an answer" }, values: parsed.values });
  const { step, intent, answer } = parsed.data;
  const result = await answerSelfStep(
    context.db,
    actorOf(guard),
    sessionId,
    intent === "back" ? { kind: "back", step } : { kind: "answer", step, value: answer },
  );
  if (!result) notFound("Questionnaire");
  if (result.error) return reply({ errors: { answer: result.error }, values: parsed.values });
  // Nothing was saved (the time point was recorded meanwhile): say so here, since the draft is unchanged.
  if (result.state.status === "failed") return data({ failed: result.state }, { status: 409 });
  // Post/redirect/get: a refresh never re-sends an answer.
  return redirect(`/measures/self/${sessionId}`);
}

export default function SelfCompletion() {
  const loaded = useLoaderData<typeof loader>();
  const { reply: result, errors, busy } = useFormReply<typeof action>();
  const state = result && "failed" in result ? result.failed : loaded.state;

  if (state.status === "completed") {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-panel">
            <h1 className="nhsuk-panel__title">Thank you</h1>
            <div className="nhsuk-panel__body">Your answers have been saved.</div>
          </div>
          <p className="nhsuk-body-l">Please hand the device back to the member of staff.</p>
          <p>
            <Link to={HAND_BACK_PATH}>Staff: take the device back to see the scores</Link>
          </p>
        </div>
      </div>
    );
  }
  if (state.status === "expired" || state.status === "failed") {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Please hand the device back to the member of staff</h1>
          <p className="nhsuk-body-l">
            {state.status === "expired"
              ? "These questions were open for too long and have closed. Nothing was saved."
              : `The answers could not be saved: ${state.message}`}
          </p>
          <p>
            <Link to={HAND_BACK_PATH}>Staff: take the device back</Link>
          </p>
        </div>
      </div>
    );
  }

  const instrument = getInstrument(state.instrumentCode);
  const item = instrument.items.find((i) => i.id === state.itemId)!;
  const error = errors.answer;
  const showInstructions = instrument.stem && instrument.code !== "ucla3";
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate key={state.step}>
          <input type="hidden" name="step" value={state.step} />
          <p className="nhsuk-caption-l">
            Question {state.step + 1} of {state.total}
          </p>
          {showInstructions ? <p className="nhsuk-body-l">{instrument.stem}</p> : null}
          <QuestionItem
            instrument={instrument}
            item={item}
            name="answer"
            large
            error={error}
            defaultValue={state.current !== undefined ? String(state.current) : undefined}
          />
          <div className="nhsuk-button-group">
            <button className="nhsuk-button" type="submit" name="intent" value="next" disabled={busy}>
              {state.step + 1 === state.total ? "Finish" : "Next question"}
            </button>
            {state.step > 0 ? (
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="submit"
                name="intent"
                value="back"
                disabled={busy}
                formNoValidate
              >
                Previous question
              </button>
            ) : null}
          </div>
        </Form>
        <p className="nhsuk-body-s app-muted">{instrument.copyright}</p>
        <p className="nhsuk-body-s">
          <Link to={HAND_BACK_PATH}>Staff: take the device back</Link>
        </p>
      </div>
    </div>
  );
}
