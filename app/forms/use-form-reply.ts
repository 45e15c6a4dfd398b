import { useActionData, useNavigation } from "@remix-run/react";
import type { FieldErrors } from "~/errors";
import type { FormReply } from "./reply";
import type { FormValues } from "./parse";

/**
 * A form page's view of its action's reply: the errors to show, the values to fill the fields with (the user's
 * own after a refusal, else `initial`, usually the record as loaded), whether the refusal was "someone saved
 * first", and whether the form is being sent. `reply` is the action's data, typed from the action.
 */
export function useFormReply<A = unknown>(initial: FormValues = {}) {
  const reply = useActionData<A>();
  const r = reply as Partial<FormReply> | undefined;
  const navigation = useNavigation();
  return {
    reply,
    errors: (r?.errors ?? {}) as FieldErrors,
    values: (r?.values ?? initial) as FormValues,
    lists: (r?.lists ?? {}) as Record<string, string[]>,
    conflict: r?.conflict === true,
    currentVersion: r?.currentVersion,
    busy: navigation.state === "submitting",
  };
}
