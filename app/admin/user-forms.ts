import { z } from "zod";
import { passwordProblem } from "~/auth/password-policy";
import { roles } from "~/auth/roles";

const email = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, "Enter an email address")
  .max(254, "Email address must be 254 characters or fewer")
  .email("Enter an email address in the correct format, like name@example.nhs.uk");
const displayName = z
  .string({ error: "Enter the person's name" })
  .trim()
  .min(1, "Enter the person's name")
  .max(120, "Name must be 120 characters or fewer");
const role = z.enum(roles, { error: "Select a role" });
const districtCode = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => v || undefined);

export const newPassword = z.string({ error: "Enter a password" }).superRefine((value, ctx) => {
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
  version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1),
});

export const resetPasswordSchema = z.object({ password: newPassword });

/** A reset password checked against its holder's own name and email too. */
export function resetPasswordProblem(password: string, holder: { email: string; display_name: string }) {
  return passwordProblem(password, { email: holder.email, name: holder.display_name });
}
