/**
 * What changed between two versions of a guideline, in one language: the title and introduction, and
 * rule by rule (added, removed, changed, unchanged) with a word-level diff of what changed.
 *
 * Rules are matched by title, so inserting a rule in the middle shows one added rule rather than every
 * later rule "changed"; a removed and an added rule next to each other count as one changed rule
 * (e.g. a rule whose title was reworded).
 */
import { diffArrays, diffWordsWithSpace } from "diff";
import { LOCALES, type Locale } from "#db/schema";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import type { GuidelineRule, GuidelineText } from "./schema";

export interface Segment {
  kind: "same" | "added" | "removed";
  text: string;
}

export type RuleChangeKind = "added" | "removed" | "changed" | "unchanged";

export interface RuleChange {
  kind: RuleChangeKind;
  /** 1-based position in the older / newer version (null when the rule is not in it). */
  from: number | null;
  to: number | null;
  title: Segment[];
  body: Segment[];
  do: Segment[];
  dont: Segment[];
}

export interface TextDiff {
  title: Segment[];
  titleChanged: boolean;
  introduction: Segment[];
  introductionChanged: boolean;
  rules: RuleChange[];
  counts: Record<RuleChangeKind, number>;
}

const whole = (kind: Segment["kind"], text: string): Segment[] => (text ? [{ kind, text }] : []);

/** Word-level differences, with white space kept so the text reads as written. */
export function diffText(from: string, to: string): Segment[] {
  if (from === to) return whole("same", to);
  return diffWordsWithSpace(from, to).map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
}

/** Example lists compared item by item. */
function diffItems(from: string[], to: string[]): Segment[] {
  return diffArrays(from, to).flatMap((c) =>
    c.value.map((text) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text }) as Segment),
  );
}

const sameRule = (a: GuidelineRule, b: GuidelineRule) =>
  a.title === b.title &&
  a.body === b.body &&
  JSON.stringify(a.do) === JSON.stringify(b.do) &&
  JSON.stringify(a.dont) === JSON.stringify(b.dont);

const titleKey = (rule: GuidelineRule) => rule.title.trim().toLocaleLowerCase("es");

function ruleChange(from: GuidelineRule | null, to: GuidelineRule | null, fromNumber: number | null, toNumber: number | null): RuleChange {
  if (from && to) {
    const kind = sameRule(from, to) ? "unchanged" : "changed";
    return {
      kind,
      from: fromNumber,
      to: toNumber,
      title: diffText(from.title, to.title),
      body: diffText(from.body, to.body),
      do: diffItems(from.do, to.do),
      dont: diffItems(from.dont, to.dont),
    };
  }
  const rule = (from ?? to)!;
  const kind = from ? "removed" : "added";
  const items = (list: string[]) => list.map((text) => ({ kind, text }) as Segment);
  return {
    kind,
    from: fromNumber,
    to: toNumber,
    title: whole(kind, rule.title),
    body: whole(kind, rule.body),
    do: items(rule.do),
    dont: items(rule.dont),
  };
}

export function diffRules(from: GuidelineRule[], to: GuidelineRule[]): RuleChange[] {
  const changes: RuleChange[] = [];
  let i = 0; // next rule of `from`
  let j = 0; // next rule of `to`
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) changes.push(ruleChange(from[removed[k]], to[added[k]], removed[k] + 1, added[k] + 1));
    for (const r of removed.slice(paired)) changes.push(ruleChange(from[r], null, r + 1, null));
    for (const a of added.slice(paired)) changes.push(ruleChange(null, to[a], null, a + 1));
    removed = [];
    added = [];
  };
  for (const part of diffArrays(from, to, { comparator: (a, b) => titleKey(a) === titleKey(b) })) {
    if (part.removed) {
      for (let k = 0; k < part.value.length; k++) removed.push(i++);
    } else if (part.added) {
      for (let k = 0; k < part.value.length; k++) added.push(j++);
    } else {
      flush();
      for (let k = 0; k < part.value.length; k++) {
        changes.push(ruleChange(from[i], to[j], i + 1, j + 1));
        i++;
        j++;
      }
    }
  }
  flush();
  return changes;
}

export function diffGuidelineTexts(from: GuidelineText, to: GuidelineText): TextDiff {
  const rules = diffRules(from.rules, to.rules);
  const counts: Record<RuleChangeKind, number> = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const rule of rules) counts[rule.kind] += 1;
  return {
    title: diffText(from.title, to.title),
    titleChanged: from.title !== to.title,
    introduction: diffText(from.introduction, to.introduction),
    introductionChanged: from.introduction !== to.introduction,
    rules,
    counts,
  };
}

/** The language to compare two versions in: the reader's if both have it, else the default, else any both have. */
export function commonLanguage(
  from: Partial<Record<Locale, unknown>>,
  to: Partial<Record<Locale, unknown>>,
  wanted: Locale,
): Locale | null {
  for (const language of [wanted, DEFAULT_LOCALE, ...LOCALES]) if (from[language] && to[language]) return language;
  return null;
}
