import { TextInput } from "~/ui/form";

/**
 * The box of the "find a person" search (`searchSchema`'s `q`): a name or an NHS number. A name is no word to check
 * the spelling of, and the browser offers nothing to fill in: the user is not searching for themselves.
 */
export function SearchQueryInput({ label, value, error }: { label: string; value?: string; error?: string }) {
  return <TextInput name="q" label={label} autoComplete="off" spellCheck={false} defaultValue={value} error={error} />;
}
