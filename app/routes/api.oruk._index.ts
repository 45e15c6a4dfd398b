import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, nonRead } from "~/directory/oruk/http";

// Public Open Referral UK 3.0 API: no session, no key, directory data only.
export async function loader(_args: LoaderFunctionArgs) {
  return json({
    version: "3.0",
    // The profile this API follows, and that profile's own OpenAPI document.
    profile: "https://openreferraluk.org/",
    openapi_url: "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json",
  });
}

export const action = ({ request }: ActionFunctionArgs) => nonRead(request);
