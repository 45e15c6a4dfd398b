import { z } from "zod";
import { needs } from "~/referrals/codes";
import { accessibilityFeatures, transportOptions } from "./options";

// The directory search's filters. None is personal data, so they live in the URL (bookmarkable, no JavaScript).
export const directorySorts = ["name", "district", "last_checked_on"] as const;
export type DirectorySort = (typeof directorySorts)[number];

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z.array(z.string()).transform((v) => v.filter((x): x is T => (values as readonly string[]).includes(x)));

/** Trimmed free text, at most `max` characters; blank or too long reads as no filter. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

/** One of `values`; anything else reads as no filter. */
const oneOf = <T extends [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

const searchFilters = z.object({
  q: text(100),
  need: oneOf(Object.keys(needs) as [string, ...string[]]),
  category: text(60),
  district: text(60),
  day: z.coerce.number().int().min(1).max(7).optional().catch(undefined),
  access: list(Object.keys(accessibilityFeatures) as [string, ...string[]]).catch([]),
  transport: oneOf(Object.keys(transportOptions) as [string, ...string[]]),
  mode: oneOf(["direct", "signpost"]),
});
export type SearchFilters = z.infer<typeof searchFilters>;

export function readSearchFilters(url: URL): SearchFilters {
  const p = url.searchParams;
  return searchFilters.parse({
    q: p.get("q") ?? undefined,
    need: p.get("need") || undefined,
    category: p.get("category") ?? undefined,
    district: p.get("district") ?? undefined,
    day: p.get("day") || undefined,
    access: p.getAll("access"),
    transport: p.get("transport") || undefined,
    mode: p.get("mode") || undefined,
  });
}
