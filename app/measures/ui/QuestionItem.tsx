// One questionnaire item as radios: the published wording and option labels, nothing added. ONS4's 0–10
// items show their anchors ("0 = not at all, 10 = completely") as a hint, as the ONS presents them.

import type { Instrument, Item } from "../instruments";
import { Radios } from "~/ui/choices";

interface Props {
  instrument: Instrument;
  item: Item;
  error?: string;
  defaultValue?: string;
  /** Self-completion: the question is the page heading, in large text. */
  large?: boolean;
  number?: number;
  /** Field name when it is not the item id (the self-completion screen posts one "answer"). */
  name?: string;
}

function itemAnchors(item: Item): string | undefined {
  if (!item.minLabel || !item.maxLabel) return undefined;
  const first = item.options[0].value;
  const last = item.options[item.options.length - 1].value;
  return `${first} = ${item.minLabel.toLowerCase()}, ${last} = ${item.maxLabel.toLowerCase()}`;
}

export function QuestionItem({ instrument, item, error, defaultValue, large, number, name }: Props) {
  const stem = instrument.stem ? instrument.stem.replace(/…$/u, "…") : null;
  const legend = (
    <>
      {number !== undefined && !large ? <span className="nhsuk-u-visually-hidden">Question {number}: </span> : null}
      {stem && instrument.code === "ucla3" ? `${stem} ` : null}
      {item.text}
    </>
  );
  return (
    <Radios
      name={name ?? item.id}
      legend={legend}
      largeLabels={large}
      legendSize={large ? "l" : "s"}
      isPageHeading={large}
      hint={itemAnchors(item)}
      error={error}
      inline={item.options.length > 5 && !large}
      value={defaultValue}
      options={item.options.map((o) => ({ value: String(o.value), label: o.label }))}
    />
  );
}
