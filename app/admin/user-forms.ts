import { z } from "zod";
import { passwordProblem } from "~/auth/password-policy";
import { roles } from "~/auth/roles";
import { withChecks } from "~/forms/checks";
import { personName, requiredEmail, version } from "~/forms/fields";

const email = requiredEmail(
  "Enter an email address",
  "Enter an email address in the correct format, like name@example.nhs.uk",
);
const displayName = personName(120, "Enter the person's name", "Name");
const role = z.enum(roles, { error: "Select a role" });
const districtCode = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => v || undefined);

const newPassword = z.string({ error: "Enter a password" }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const createUserSchema = z
  .object({ email, displayName, role, districtCode, password: newPassword })
  // Once every field is valid, the password is checked against its holder's own name and email too.
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, { email: value.email, name: value.displayName });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export const updateUserSchema = z.object({
  displayName,
  role,
  districtCode,
  disabled: z.literal("yes").optional(),
  version,
  /** The administrator's own password: asked for, and checked by the page, only when the change grants access. */
  currentPassword: z.string().optional(),
});

/** A new password for `holder`, checked against their own name and email too. */
export function resetPasswordSchema(holder: { email: string; display_name: string }) {
  return withChecks(z.object({ password: newPassword }), (v): Record<string, string> => {
    const problem = v.password ? passwordProblem(v.password, { email: holder.email, name: holder.display_name }) : null;
    return problem ? { password: problem } : {};
  });
}
