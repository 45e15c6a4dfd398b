import { describe, expect, it } from "vitest";
import { auditActionLabels, auditActions } from "~/audit/actions";
import { roles } from "~/auth/roles";
import { labelOf, labelsOf } from "~/labels";
import type { RecordedTimePoint } from "~/measures/time-points";
import { instruments } from "~/measures/instruments";
import { ethnicityCodes } from "~/people/equality";
import { declinedBy, endReasons, referralKinds, referralStatuses } from "~/referrals/lifecycle";
import { attendanceStatuses } from "~/attendance/register";
import { codeLists } from "../support/code-lists";

// Every coded value a user sees has a plain English label, kept beside its codes (app/labels.ts).

describe("the code lists", () => {
  it.each(Object.entries(codeLists))("%s labels every code in words, not with the code", (_name, labels) => {
    expect(Object.keys(labels).length).toBeGreaterThan(0);
    for (const [code, label] of Object.entries(labels)) {
      expect(label.trim(), `label of ${code}`).not.toBe("");
      expect(label, `label of ${code}`).not.toBe(code);
    }
  });

  it("label every code of the lists kept as arrays", () => {
    const lists: [readonly string[], Readonly<Record<string, string>>][] = [
      [auditActions, auditActionLabels],
      [roles, codeLists.role],
      [referralStatuses, codeLists.referralStatus],
      [referralKinds, codeLists.referralKind],
      [declinedBy, codeLists.declinedBy],
      [endReasons, codeLists.endReason],
      [["baseline", "follow_up", "exit", "baseline_extra"] satisfies RecordedTimePoint[], codeLists.timePoint],
      [attendanceStatuses, codeLists.attendance],
      [ethnicityCodes, codeLists.ethnicity],
      [instruments.map((i) => i.code), codeLists.instrument],
    ];
    for (const [codes, labels] of lists) {
      const missing = codes.filter((c) => !labels[c]?.trim());
      expect(missing).toEqual([]);
    }
  });
});

describe("labelOf", () => {
  const contact = codeLists.contactMethod;

  it("gives a code's label", () => {
    expect(labelOf(contact, "phone")).toBe("Phone call");
    expect(labelsOf(contact, ["text", "post"])).toEqual(["Text message", "Letter"]);
  });

  it("says a code it does not know is not recognised instead of passing it off as a label", () => {
    expect(labelOf(contact, "fax")).toBe("Not recognised (fax)");
    expect(labelOf(contact, "toString")).toBe("Not recognised (toString)");
  });

  it("gives the fallback for no value", () => {
    expect(labelOf(contact, null)).toBe("Not recorded");
    expect(labelOf(contact, "", "Not given")).toBe("Not given");
  });
});
