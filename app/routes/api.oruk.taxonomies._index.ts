import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { badRequest, json, nonRead, page } from "~/directory/oruk/http";
import { taxonomy } from "~/directory/oruk/map";
import { pageParams, readParams } from "~/directory/oruk/params";
import { categories } from "~/directory/oruk/query.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = readParams(pageParams, new URL(request.url));
  if (!params.ok) return badRequest(params.problems);
  const all = [...new Set((await categories(context.db)).map((c) => c.taxonomy))].sort().map(taxonomy);
  const { page: n, per_page } = params.data;
  return json(page(all.slice((n - 1) * per_page, n * per_page), all.length, n, per_page));
}

export const action = ({ request }: ActionFunctionArgs) => nonRead(request);
