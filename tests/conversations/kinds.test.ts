import { describe, expect, it } from "vitest";
import { percentile } from "~/models/conversations/dashboard.server";
import { anonymise, isPublicHttpUrl, networkOf, normaliseUrl } from "~/models/conversations/kinds";

describe("conversation links", () => {
  it("normalises the links of one post to one key", () => {
    const key = normaliseUrl("https://x.com/empresa/status/123");
    for (const variant of [
      "https://www.x.com/empresa/status/123/",
      "http://X.com/empresa/status/123?utm_source=a&s=20",
      "https://mobile.x.com/empresa/status/123#frag",
      "https://x.com:443/empresa/status/123",
    ]) {
      expect(normaliseUrl(variant)).toBe(key);
    }
    expect(normaliseUrl("https://forum.example.com/t?id=2&page=1")).toBe(normaliseUrl("https://forum.example.com/t?page=1&id=2"));
    expect(normaliseUrl("https://forum.example.com/t?id=2")).not.toBe(normaliseUrl("https://forum.example.com/t?id=3"));
  });

  it("accepts only public http(s) addresses and knows the networks", () => {
    for (const bad of [
      "javascript:alert(1)",
      "data:text/html,hi",
      "ftp://x.com/a",
      "https://user:pw@x.com/",
      "not a url",
      "https://x.com/a b",
      `https://x.com/${"a".repeat(2001)}`,
    ])
      expect(isPublicHttpUrl(bad)).toBe(false);
    expect(isPublicHttpUrl("https://foro.example.es/hilo/1")).toBe(true);
    expect(networkOf("https://twitter.com/a/status/1")).toBe("x");
    expect(networkOf("https://es.linkedin.com/posts/x")).toBe("linkedin");
    expect(networkOf("https://youtu.be/abc")).toBe("youtube");
    expect(networkOf("https://foro.example.es/hilo/1")).toBe("other");
  });

  it("anonymises handles, mail addresses, links and numbers", () => {
    expect(anonymise("@pepe_88 escribe a pepe@example.com desde https://x.com/p y llama al +34 600 123 456")).toBe(
      "@… escribe a […] desde […] y llama al […]",
    );
  });

  it("takes nearest-rank percentiles", () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 90)).toBe(90);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});
