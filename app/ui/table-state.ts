import { z } from "zod";

// Table state (sort, direction, page, filters) lives in the URL so views can be bookmarked, shared and
// work without JavaScript. Nothing personal may ever be a filter value here.
export interface TableState<S extends string> {
  sort: S;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
}

export function readTableState<S extends string>(
  url: URL,
  sortable: readonly [S, ...S[]],
  defaults: { sort: S; dir: "asc" | "desc"; pageSize?: number },
): TableState<S> {
  const schema = z.object({
    sort: z.enum(sortable).catch(defaults.sort),
    dir: z.enum(["asc", "desc"]).catch(defaults.dir),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  });
  const parsed = schema.parse({
    sort: url.searchParams.get("sort") ?? undefined,
    dir: url.searchParams.get("dir") ?? undefined,
    page: url.searchParams.get("page") ?? undefined,
  });
  return { ...parsed, pageSize: defaults.pageSize ?? 25 };
}
