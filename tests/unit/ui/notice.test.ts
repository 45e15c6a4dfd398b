import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoticeBanner, noticeFrom } from "~/ui/Notice";

const messages = { created: "The referral has been recorded.", saved: "Changes saved." };
const at = (query: string) => new Request(`http://localhost/referrals/1${query}`);

describe("a page's success notice after a redirect", () => {
  it("is the message of the flag in the query string, with the flag", () => {
    expect(noticeFrom(at("?saved=1"), messages)).toEqual({ flag: "saved", message: "Changes saved." });
  });

  it("is the first listed when more than one flag is set, whatever their order in the link", () => {
    expect(noticeFrom(at("?saved=1&created=1"), messages)).toEqual({
      flag: "created",
      message: "The referral has been recorded.",
    });
  });

  it("is none without a flag, or with a flag left empty", () => {
    expect(noticeFrom(at(""), messages)).toBeNull();
    expect(noticeFrom(at("?created="), messages)).toBeNull();
    expect(noticeFrom(at("?page=2"), messages)).toBeNull();
  });
});

describe("a page's success banner", () => {
  const banner = (query: string) =>
    renderToStaticMarkup(
      createElement(NoticeBanner<keyof typeof messages>, {
        notice: noticeFrom(at(query), messages),
        more: { created: createElement("p", null, "Record the baseline measure now") },
      }),
    );

  it("adds a flag's next step after its message, and only after that flag's", () => {
    expect(banner("?created=1")).toContain("The referral has been recorded.</p><p>Record the baseline measure now</p>");
    expect(banner("?saved=1")).toContain("Changes saved.</p></div>");
    expect(banner("?saved=1")).not.toContain("baseline");
  });

  it("is not there without a notice", () => {
    expect(banner("")).toBe("");
  });
});
