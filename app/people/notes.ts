import { z } from "zod";

export const NOTE_MAX = 5000;

export const noteKinds = {
  note: "Case note",
  quote: "Their words (a quote they agreed may be used in reports)",
  safeguarding: "Safeguarding concern (only their care team can read it)",
} as const;
export type NoteKind = keyof typeof noteKinds;

export const noteSchema = z.object({
  kind: z.enum(Object.keys(noteKinds) as [NoteKind, ...NoteKind[]], { error: "Select what kind of note this is" }),
  body: z
    .string({ error: "Enter the note" })
    .trim()
    .min(1, "Enter the note")
    .max(
      NOTE_MAX,
      `The note must be ${NOTE_MAX.toLocaleString("en-GB")} characters or fewer: shorten it or split it into two notes`,
    ),
  idempotencyKey: z.string().uuid("The form has expired: reload the page and try again"),
});
