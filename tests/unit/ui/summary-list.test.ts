import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SummaryRow } from "~/ui/SummaryList";

// Issue 16: a self-referral with no topics showed "Wants to talk about" with a blank value. Every summary row now
// says "Not given" for a value that renders no text, so no page can leave one blank.

const valueOf = (children: unknown, empty?: string) => {
  const html = renderToStaticMarkup(
    createElement(SummaryRow, { label: "Wants to talk about", empty, children: children as never }),
  );
  return /<dd class="nhsuk-summary-list__value">(.*?)<\/dd>/.exec(html)?.[1];
};

describe("a summary row", () => {
  it.each([
    ["an empty list joined", [].join(", ")],
    ["a blank string", "   "],
    ["null", null],
    ["undefined", undefined],
    ["false", false],
    ["a list of nothing", [null, "", false]],
  ])("with %s as its value says Not given", (_what, value) => {
    expect(valueOf(value)).toBe("Not given");
  });

  it("says the row's own words for no value when it has them", () => {
    expect(valueOf(null, "None recorded")).toBe("None recorded");
  });

  it("shows a value, including 0 and an element", () => {
    expect(valueOf("Morning")).toBe("Morning");
    expect(valueOf(0)).toBe("0");
    expect(valueOf(createElement("strong", null, "Received"))).toBe("<strong>Received</strong>");
    expect(valueOf(["Loneliness", ", ", "Bereavement"])).toBe("Loneliness, Bereavement");
  });

  it("counts an element as a value even when it holds nothing (it may be styled or labelled)", () => {
    expect(valueOf(createElement(Fragment))).toBe("");
  });
});
