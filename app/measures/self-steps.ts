// The self-completion sequence: every item of the chosen questionnaires in order, one per screen. Pure.

import { z } from "zod";
import { getInstrument, type Instrument, type Item } from "./scoring";

export interface SelfStep {
  index: number;
  instrument: Instrument;
  item: Item;
  /** Position of the item within its questionnaire (1-based), for the questionnaire's own numbering. */
  itemNumber: number;
  /** First item of its questionnaire: the screen shows the questionnaire's instructions too. */
  firstOfInstrument: boolean;
}

export function selfSteps(instrumentCodes: readonly string[]): SelfStep[] {
  const steps: SelfStep[] = [];
  for (const code of instrumentCodes) {
    const instrument = getInstrument(code);
    instrument.items.forEach((item, i) => {
      steps.push({ index: steps.length, instrument, item, itemNumber: i + 1, firstOfInstrument: i === 0 });
    });
  }
  return steps;
}

/** The answers of one questionnaire out of the draft's answers (keyed by item id, unique across instruments). */
export function answersFor(instrument: Instrument, answers: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    instrument.items.filter((i) => answers[i.id] !== undefined).map((i) => [i.id, answers[i.id]]),
  );
}

/**
 * One self-completion screen's post: the `step` it was drawn for (a whole number from 0; a screen for another step
 * changes nothing), the button pressed (`intent`: "back", or anything else to answer) and the `answer` chosen, if
 * any. Whether the answer is one of the item's options is checked against the item itself (`answerSelfStep`).
 */
export const selfStepSchema = z.object({
  step: z.coerce.number({ error: "Select an answer" }).int("Select an answer").min(0, "Select an answer"),
  intent: z
    .string()
    .optional()
    .transform((v) => (v === "back" ? ("back" as const) : ("answer" as const))),
  answer: z.string().optional(),
});
