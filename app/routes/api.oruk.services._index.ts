import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { badRequest, json, nonRead, page } from "~/directory/oruk/http";
import { serviceSummary } from "~/directory/oruk/map";
import { readParams, serviceParams } from "~/directory/oruk/params";
import { findServices } from "~/directory/oruk/query.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = readParams(serviceParams, new URL(request.url));
  if (!params.ok) return badRequest(params.problems);
  const { total, rows } = await findServices(context.db, params.data, { venueOnly: false });
  return json(page(rows.map(serviceSummary), total, params.data.page, params.data.per_page));
}

export const action = ({ request }: ActionFunctionArgs) => nonRead(request);
