import { describe, expect, it } from "vitest";
import { noticeFrom } from "~/ui/notice";

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
