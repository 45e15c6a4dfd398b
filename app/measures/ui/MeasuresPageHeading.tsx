import type { ReactNode } from "react";
import type { FieldErrors } from "~/errors";
import type { MeasuresPerson } from "../person-measures.server";
import { PageHeading } from "~/ui/PageHeading";

/** The top of a page under a person's measures: the way back to them, and the person's name as the caption. */
export function MeasuresPageHeading({
  person,
  errors,
  notice,
  children,
}: {
  person: MeasuresPerson;
  errors?: FieldErrors | null;
  notice?: ReactNode;
  children: ReactNode;
}) {
  return (
    <PageHeading
      back={{ to: `/people/${person.id}/measures`, text: "Back to measures" }}
      errors={errors}
      notice={notice}
      caption={person.name}
    >
      {children}
    </PageHeading>
  );
}
