import { z } from "zod";

// A search term is personal data: it travels only in a POST body, never in a URL or a log line.
export const searchSchema = z.object({
  q: z
    .string({ error: "Enter a name or NHS number" })
    .trim()
    .min(2, "Enter at least 2 characters of a name, or a 10-digit NHS number")
    .max(100, "Search must be 100 characters or fewer"),
});
