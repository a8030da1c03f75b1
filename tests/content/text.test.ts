import { describe, expect, it } from "vitest";
import {
  composeShareText,
  containsPattern,
  countXLength,
  isHttpUrl,
  NETWORK_LIMITS,
  normaliseForSearch,
  parseHashtags,
  parseTopics,
  remainingFor,
  shareLength,
  TRACKED_LINK_SAMPLE,
} from "~/models/content/text";

describe("countXLength", () => {
  it("counts plain text character by character, accents included", () => {
    expect(countXLength("")).toBe(0);
    expect(countXLength("Hola")).toBe(4);
    expect(countXLength("Atención")).toBe(8);
  });

  it("counts every link as 23 characters, however long or short", () => {
    expect(countXLength("https://example.com/a")).toBe(23);
    expect(countXLength("http://x.co")).toBe(23);
    const long = `https://example.com/${"a".repeat(200)}?utm_source=x`;
    expect(countXLength(`Mira ${long}`)).toBe(5 + 23);
    expect(countXLength("a https://example.com b https://example.org/x c")).toBe(2 + 23 + 3 + 23 + 2);
  });

  it("treats www. addresses and bare domains as links and leaves trailing punctuation out", () => {
    expect(countXLength("www.example.com")).toBe(23);
    expect(countXLength("Visita example.com.")).toBe(7 + 23 + 1);
    expect(countXLength("(https://example.com/x)")).toBe(1 + 23 + 1);
  });

  it("stops counting once past a limit, so a huge paste is refused without being weighed whole", () => {
    const paste = "palabra ".repeat(9_000);
    expect(countXLength(paste)).toBe(paste.length);
    const stopped = countXLength(paste, 280);
    expect(stopped).toBeGreaterThan(280);
    expect(stopped).toBeLessThanOrEqual(282);
    expect(countXLength(`${"a".repeat(100)} https://example.com/${"b".repeat(500)}`, 280)).toBe(124);
  });

  it("counts emoji and wide characters as 2", () => {
    expect(countXLength("🎉")).toBe(2);
    expect(countXLength("👩‍💻")).toBe(2);
    expect(countXLength("日本")).toBe(4);
    expect(countXLength("ok 👍🏽")).toBe(3 + 2);
  });
});

describe("share text length per network", () => {
  it("appends hashtags on LinkedIn, X and Facebook but not on WhatsApp or email, and never repeats one already in the text", () => {
    expect(composeShareText("linkedin", "Hola", ["#Fibra", "#Empleo"], "https://l.test/x")).toBe("Hola\n\n#Fibra #Empleo\n\nhttps://l.test/x");
    expect(composeShareText("x", "Hola #fibra", ["#Fibra", "#Empleo"], "L")).toBe("Hola #fibra\n\n#Empleo\n\nL");
    expect(composeShareText("whatsapp", "Hola", ["#Fibra"], "L")).toBe("Hola\n\nL");
    expect(composeShareText("email", "", ["#Fibra"], "L")).toBe("L");
  });

  it("counts the tracked link as 23 on X and at its full length elsewhere", () => {
    expect(shareLength("x", "Hola", [])).toBe(4 + 2 + 23);
    expect(shareLength("linkedin", "Hola", [])).toBe(4 + 2 + TRACKED_LINK_SAMPLE.length);
  });

  it("lets an X text use exactly the room left by the link and no more", () => {
    const room = NETWORK_LIMITS.x - 23 - 2;
    expect(remainingFor("x", "a".repeat(room), [])).toBe(0);
    expect(remainingFor("x", "a".repeat(room + 1), [])).toBe(-1);
    // A long URL inside the text still costs 23.
    expect(remainingFor("x", `${"a".repeat(room - 24)} https://example.com/${"z".repeat(300)}`, [])).toBe(0);
  });

  it("has the documented limits", () => {
    expect(NETWORK_LIMITS).toEqual({ linkedin: 3000, x: 280, facebook: 63206, whatsapp: 65536, email: 2000 });
  });
});

describe("hashtags and topics", () => {
  it("normalises hashtags and refuses invalid ones", () => {
    expect(parseHashtags("#Fibra, empleo  #5G #fibra")).toEqual(["#Fibra", "#empleo", "#5G"]);
    expect(parseHashtags("")).toEqual([]);
    expect(parseHashtags("#año_nuevo")).toEqual(["#año_nuevo"]);
    expect(parseHashtags("#no-dashes")).toBeNull();
    expect(parseHashtags("#2026")).toBeNull();
    expect(parseHashtags(Array.from({ length: 11 }, (_, i) => `#t${i}`).join(" "))).toBeNull();
  });

  it("normalises topics to lower case without repeats", () => {
    expect(parseTopics(" Fibra, Empleo ,fibra,  atención   al cliente ")).toEqual(["fibra", "empleo", "atención al cliente"]);
    expect(parseTopics("x".repeat(41))).toBeNull();
  });
});

describe("URLs and search patterns", () => {
  it("accepts only absolute http(s) URLs", () => {
    expect(isHttpUrl("https://example.com/a?b=c")).toBe(true);
    expect(isHttpUrl("http://example.com")).toBe(true);
    expect(isHttpUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpUrl("data:text/html,hi")).toBe(false);
    expect(isHttpUrl("/relative")).toBe(false);
    expect(isHttpUrl("https://user:pw@example.com")).toBe(false);
    expect(isHttpUrl(`https://example.com/${"a".repeat(2000)}`)).toBe(false);
  });

  it("searches without case or accents and takes %, _ and \\ literally", () => {
    expect(normaliseForSearch("  Fibra  ÓPTICA ")).toBe("fibra optica");
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
