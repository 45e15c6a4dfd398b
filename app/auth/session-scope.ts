// Which routes a session restricted to a self-completion questionnaire may use, and the paths its pages link to.
// Pure, so pages can link to them; the rule is applied by app/auth/session-scope.server.ts
// (docs/decisions/0820-restricted-self-completion.md).

/** The questionnaire's own page, where a restricted session is sent back to. */
export const questionnairePath = (selfSessionId: string) => `/measures/self/${selfSessionId}`;
/** Where the staff member types their password to take the device back. */
export const HAND_BACK_PATH = "/hand-back";

// Routes a restricted session may use whatever their parameters: the page shell (its loader shows no staff data to a
// restricted session), the hand-back page, signing out, and "stay signed in".
const ALWAYS_OPEN = new Set(["root", "routes/hand-back", "routes/sign-out", "routes/session.keepalive"]);
const QUESTIONNAIRE_ROUTE = "routes/measures.self.$sessionId";

/**
 * Whether a session restricted to the questionnaire `selfSessionId` may run route `routeId` with `params`: its own
 * questionnaire's screens and the routes in ALWAYS_OPEN, nothing else (not another questionnaire, not a public page).
 */
export function restrictedMayUse(
  routeId: string,
  params: Record<string, string | undefined>,
  selfSessionId: string,
): boolean {
  if (ALWAYS_OPEN.has(routeId)) return true;
  return routeId === QUESTIONNAIRE_ROUTE && params.sessionId === selfSessionId;
}
