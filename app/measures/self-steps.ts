// The self-completion sequence: every item of the chosen questionnaires in order, one per screen. Pure.

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
