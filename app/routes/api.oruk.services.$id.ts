import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isUuid } from "~/params";
import { badRequest, json, nonRead, notFoundJson } from "~/directory/oruk/http";
import { serviceFull } from "~/directory/oruk/map";
import { findService } from "~/directory/oruk/query.server";

export async function loader({ context, params }: LoaderFunctionArgs) {
  if (!isUuid(params.id)) return badRequest([{ parameter: "id", message: "id must be a uuid" }]);
  const found = await findService(context.db, params.id);
  if (!found) return notFoundJson("service");
  return json(serviceFull(found.row, found.schedules, found.oneOffs));
}

export const action = ({ request }: ActionFunctionArgs) => nonRead(request);
