// Equality fields public health reports by. Ethnicity follows the ONS 2021 Census for England and Wales:
// 19 detailed categories in 5 high-level groups, plus "Prefer not to say" (stored as its own code, not null,
// so "not asked yet" and "declined to answer" stay distinguishable).

export const ethnicityGroups = [
  {
    group: "Asian, Asian British or Asian Welsh",
    options: {
      asian_bangladeshi: "Bangladeshi",
      asian_chinese: "Chinese",
      asian_indian: "Indian",
      asian_pakistani: "Pakistani",
      asian_other: "Any other Asian background",
    },
  },
  {
    group: "Black, Black British, Black Welsh, Caribbean or African",
    options: {
      black_african: "African",
      black_caribbean: "Caribbean",
      black_other: "Any other Black, Black British or Caribbean background",
    },
  },
  {
    group: "Mixed or Multiple ethnic groups",
    options: {
      mixed_white_asian: "White and Asian",
      mixed_white_black_african: "White and Black African",
      mixed_white_black_caribbean: "White and Black Caribbean",
      mixed_other: "Any other Mixed or Multiple background",
    },
  },
  {
    group: "White",
    options: {
      white_british: "English, Welsh, Scottish, Northern Irish or British",
      white_irish: "Irish",
      white_gypsy_traveller: "Gypsy or Irish Traveller",
      white_roma: "Roma",
      white_other: "Any other White background",
    },
  },
  {
    group: "Other ethnic group",
    options: {
      other_arab: "Arab",
      other_any: "Any other ethnic group",
    },
  },
] as const;

export const ETHNICITY_NOT_STATED = "not_stated";

type GroupOptions = (typeof ethnicityGroups)[number]["options"];
export type EthnicityCode =
  | { [K in keyof GroupOptions]: keyof GroupOptions[K] }[keyof GroupOptions]
  | typeof ETHNICITY_NOT_STATED;

export const ethnicityLabels: Record<string, string> = Object.fromEntries([
  ...ethnicityGroups.flatMap((g) => Object.entries(g.options).map(([code, label]) => [code, `${g.group}: ${label}`])),
  [ETHNICITY_NOT_STATED, "Prefer not to say"],
]);

export const ethnicityCodes = Object.keys(ethnicityLabels) as EthnicityCode[];

export const sexes = {
  female: "Female",
  male: "Male",
  not_known: "Not known",
  not_stated: "Prefer not to say",
} as const;
export type Sex = keyof typeof sexes;

/** Index of Multiple Deprivation: decile 1 is the most deprived tenth; quintiles pair the deciles. */
export function imdQuintile(decile: number | null): number | null {
  return decile === null ? null : Math.ceil(decile / 2);
}
