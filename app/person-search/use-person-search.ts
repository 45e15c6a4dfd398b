import { useActionData } from "@remix-run/react";
import { useReportedSessionTime } from "~/ui/session-clock";
import type { searchAction } from "./action.server";

/**
 * The result of the page's "find a person" form (action.server.ts). The page is not reloaded after a search,
 * so the session's remaining time it carries is passed on to the idle warning here.
 */
export function usePersonSearch() {
  const result = useActionData<typeof searchAction>();
  useReportedSessionTime(result);
  return result;
}
