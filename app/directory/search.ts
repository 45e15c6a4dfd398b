import { z } from "zod";
import { needs } from "~/referrals/codes";
import { accessibilityFeatures, transportOptions } from "./options";

// The directory search's filters. None is personal data, so they live in the URL (bookmarkable, no JavaScript).
export const directorySorts = ["name", "district", "last_checked_on"] as const;
export type DirectorySort = (typeof directorySorts)[number];

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z.array(z.string()).transform((v) => v.filter((x): x is T => (values as readonly string[]).includes(x)));

const searchFilters = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  need: z
    .enum(Object.keys(needs) as [string, ...string[]])
    .optional()
    .catch(undefined),
  category: z
    .string()
    .trim()
    .max(60)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  district: z
    .string()
    .trim()
    .max(60)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  day: z.coerce.number().int().min(1).max(7).optional().catch(undefined),
  access: list(Object.keys(accessibilityFeatures) as [string, ...string[]]).catch([]),
  transport: z
    .enum(Object.keys(transportOptions) as [string, ...string[]])
    .optional()
    .catch(undefined),
  mode: z.enum(["direct", "signpost"]).optional().catch(undefined),
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
