import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isUuid } from "~/params";
import { badRequest, json, nonRead, notFoundJson } from "~/directory/oruk/http";
import { taxonomy } from "~/directory/oruk/map";
import { categories } from "~/directory/oruk/query.server";

export async function loader({ context, params }: LoaderFunctionArgs) {
  if (!isUuid(params.id)) return badRequest([{ parameter: "id", message: "id must be a uuid" }]);
  const found = [...new Set((await categories(context.db)).map((c) => c.taxonomy))]
    .map(taxonomy)
    .find((t) => t.id === params.id);
  return found ? json(found) : notFoundJson("taxonomy");
}

export const action = ({ request }: ActionFunctionArgs) => nonRead(request);
