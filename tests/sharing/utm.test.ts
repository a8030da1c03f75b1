import { describe, expect, it } from "vitest";
import { CODE_PATTERN, newLinkCode } from "~/models/sharing/tracked-links.server";
import { slugify, withUtm } from "~/models/sharing/utm";

describe("UTM parameters", () => {
  it("adds source, medium, campaign and content, keeping other parameters and the fragment", () => {
    const url = withUtm("https://example.com/news/fibre?ref=home#top", {
      network: "linkedin",
      campaign: "Fibra Óptica 2026",
      code: "abcDEF23",
    });
    const parsed = new URL(url!);
    expect(parsed.origin + parsed.pathname).toBe("https://example.com/news/fibre");
    expect(parsed.hash).toBe("#top");
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      ref: "home",
      utm_source: "linkedin",
      utm_medium: "employee_advocacy",
      utm_campaign: "fibra-optica-2026",
      utm_content: "abcDEF23",
    });
  });

  it("replaces UTM values already in the URL and defaults the campaign", () => {
    const url = new URL(withUtm("https://example.com/?utm_source=newsletter&utm_campaign=old", { network: "x", code: "zzzzzzzz" })!);
    expect(url.searchParams.getAll("utm_source")).toEqual(["x"]);
    expect(url.searchParams.get("utm_campaign")).toBe("altavoz");
  });

  it("refuses anything but absolute http(s) URLs", () => {
    for (const bad of [
      "javascript:alert(1)",
      "data:text/html,hi",
      "/relative",
      "ftp://example.com/x",
      "https://user:pw@example.com/",
      "not a url",
    ]) {
      expect(withUtm(bad, { network: "email", code: "abcdefgh" })).toBeNull();
    }
  });

  it("slugifies campaign names", () => {
    expect(slugify("  Día de la Cooperación ¡2026! ")).toBe("dia-de-la-cooperacion-2026");
    expect(slugify("***")).toBe("altavoz");
  });
});

describe("link codes", () => {
  it("are 8 unambiguous characters and practically never repeat", () => {
    const codes = new Set(Array.from({ length: 5000 }, newLinkCode));
    expect(codes.size).toBe(5000);
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
    expect(CODE_PATTERN.test("../../etc")).toBe(false);
    expect(CODE_PATTERN.test("abcdefg0")).toBe(false); // 0 is not in the alphabet
  });
});
