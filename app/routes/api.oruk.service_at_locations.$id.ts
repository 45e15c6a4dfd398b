import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isUuid } from "~/params";
import { badRequest, json, nonRead, notFoundJson } from "~/directory/oruk/http";
import { serviceAtLocationSummary } from "~/directory/oruk/map";
import { findServiceAtLocation } from "~/directory/oruk/query.server";

export async function loader({ context, params }: LoaderFunctionArgs) {
  if (!isUuid(params.id)) return badRequest([{ parameter: "id", message: "id must be a uuid" }]);
  const row = await findServiceAtLocation(context.db, params.id);
  if (!row) return notFoundJson("service at location");
  return json(serviceAtLocationSummary(row));
}

export const action = ({ request }: ActionFunctionArgs) => nonRead(request);
