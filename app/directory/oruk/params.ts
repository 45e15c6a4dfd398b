import { z } from "zod";

// Query parameters of the ORUK 3.0 endpoints (decision 0403). Known parameters are checked strictly and a
// malformed one is a 400 with a JSON body naming it; parameters the API does not use are ignored, as the
// standard lets consumers send optional ones such as `full`.
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 25;

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

const time = (name: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, `${name} must be a time like 09:30`)
    .transform((t) => t.slice(0, 5));

const dayCodes = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 } as const;
const dayNames: Record<string, keyof typeof dayCodes> = {
  monday: "MO",
  tuesday: "TU",
  wednesday: "WE",
  thursday: "TH",
  friday: "FR",
  saturday: "SA",
  sunday: "SU",
};
const day = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .refine((v) => v.toUpperCase() in dayCodes || v in dayNames, "day must be a day of the week, like MO or monday")
  .transform((v) => dayCodes[(v.toUpperCase() in dayCodes ? v.toUpperCase() : dayNames[v]) as keyof typeof dayCodes]);

const paging = {
  page: int("page", 1, 1_000_000).default(1),
  per_page: int("per_page", 1, MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
};

export const serviceParams = z.object({
  ...paging,
  search: z.string().trim().max(100, "search must be 100 characters or fewer").optional(),
  taxonomy_term_id: z.uuid("taxonomy_term_id must be a uuid").optional(),
  taxonomy_id: z.uuid("taxonomy_id must be a uuid").optional(),
  organization_id: z.uuid("organization_id must be a uuid").optional(),
  minimum_age: int("minimum_age", 0, 120).optional(),
  maximum_age: int("maximum_age", 0, 120).optional(),
  day: day.optional(),
  start_time: time("start_time").optional(),
  end_time: time("end_time").optional(),
  modified_after: z.iso
    .datetime({ offset: true, message: "modified_after must be a date-time like 2026-01-01T00:00:00Z" })
    .optional(),
  postcode: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z]{1,2}\d[A-Za-z\d]?( ?\d[A-Za-z]{2})?$/,
      "postcode must be a UK postcode or postcode district, like LE10 1QU or LE10",
    )
    .transform((v) => v.toUpperCase().replace(/\s+/g, ""))
    .optional(),
  proximity: int("proximity", 1, 1_000_000).optional(),
});
export type ServiceParams = z.infer<typeof serviceParams>;

export const pageParams = z.object(paging);

export interface ParamProblem {
  parameter: string;
  message: string;
}

export function readParams<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  url: URL,
): { ok: true; data: z.infer<S> } | { ok: false; problems: ParamProblem[] } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const all = url.searchParams.getAll(key);
    if (all.length > 1) return { ok: false, problems: [{ parameter: key, message: `${key} may be given only once` }] };
    if (all.length === 1 && all[0] !== "") raw[key] = all[0];
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({ parameter: String(i.path[0] ?? ""), message: i.message })),
  };
}
