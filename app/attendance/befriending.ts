// Coded values of befriending calls, shared by the calls form and every page that lists calls.

/** How a befriending call went, as stored in befriending_call.outcome, with the words people read. */
export const callOutcomes = { done: "Call done", no_answer: "No answer", rearranged: "Rearranged" } as const;
export type CallOutcome = keyof typeof callOutcomes;
