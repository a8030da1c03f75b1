import { describe, expect, it, vi } from "vitest";
import { resources } from "~/locales";
import { createI18n } from "~/utils/i18n";
import { withMemoizedT } from "~/utils/memo-t.server";

const plain = () => createI18n("en", resources.en.translation);
const memoized = () => withMemoizedT(createI18n("en", resources.en.translation));

describe("the server's memoized t", () => {
  it("gives the strings i18next gives: plain, interpolated, plural, missing, defaulted", () => {
    const expected = plain().getFixedT(null, "translation");
    const t = memoized().getFixedT(null, "translation");
    const calls: [string, Record<string, unknown>?][] = [
      ["content.feed.title"],
      ["content.preview.length", { length: 120, limit: 280 }],
      ["content.preview.postedWith", { tags: "#a #b" }],
      ["content.waiting.days", { count: 1 }],
      ["content.waiting.days", { count: 3 }],
      ["content.waiting.days", { count: "3" }],
      ["no.such.key"],
      ["no.such.key", { defaultValue: "fallback" }],
    ];
    for (let round = 0; round < 2; round++)
      for (const [key, options] of calls)
        expect(t(key, options as never), `${key} ${JSON.stringify(options)}`).toBe(expected(key, options as never));
  });

  it("asks i18next once per key and plain options, and every time for other options", () => {
    const instance = createI18n("en", resources.en.translation);
    const translate = vi.spyOn(instance, "t");
    const t = withMemoizedT(instance).getFixedT(null, "translation");
    for (let i = 0; i < 3; i++) {
      t("content.feed.title");
      t("content.preview.length", { length: 1, limit: 2 });
    }
    expect(translate).toHaveBeenCalledTimes(2);
    t("content.preview.length", { length: 2, limit: 2 });
    expect(translate).toHaveBeenCalledTimes(3);
    const values = { tags: "#x" };
    t("content.preview.postedWith", { tags: "#x", nested: values } as never);
    t("content.preview.postedWith", { tags: "#x", nested: values } as never);
    expect(translate).toHaveBeenCalledTimes(5);
  });

  it("hands out one function per namespace, and i18next's own for another language or a prefix", () => {
    const instance = memoized();
    expect(instance.getFixedT(null, "translation")).toBe(instance.getFixedT(null, "translation"));
    expect(instance.getFixedT("en", "translation")).not.toBe(instance.getFixedT("en", "translation"));
    expect(instance.getFixedT(null, "translation", "content")("feed.title")).toBe("Feed");
  });
});
