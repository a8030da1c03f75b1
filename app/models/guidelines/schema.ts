/**
 * Guideline texts and the editors' forms: the shapes, limits and zod schemas shared by the browser
 * (react-hook-form), the actions and the library sync. No server-only imports here.
 */
import * as z from "zod";
import { LOCALES, type Locale } from "#db/schema";
import { formDataToObject, issuesToErrors, type ParseResult } from "~/utils/forms";
import { checkboxList, requiredText } from "~/utils/form-fields";
import { SLUG_PATTERN } from "~/models/core/slugs";
import { TEXT_HASH_PATTERN } from "./acknowledge-check";

export const MIN_RULES = 3;
export const MAX_RULES = 20;
/** A decálogo has ten rules by convention; a new document's form starts with this many slots. */
export const DEFAULT_RULE_SLOTS = 10;
export const MAX_EXAMPLES = 10;
export const LIMITS = { title: 140, introduction: 10_000, ruleTitle: 140, ruleBody: 4000, example: 300, changeNote: 500 } as const;

export interface GuidelineRule {
  title: string;
  /** Markdown. */
  body: string;
  /** Examples of what to do and not to do (inline markdown), possibly none. */
  do: string[];
  dont: string[];
}

export interface GuidelineText {
  title: string;
  /** Markdown. */
  introduction: string;
  rules: GuidelineRule[];
}

/** One example per line; blank lines are dropped. */
export const splitLines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const text = (max: number) => z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).max(max, "validation.tooLong"));

const examples = () =>
  text(MAX_EXAMPLES * (LIMITS.example + 1))
    .transform(splitLines)
    .refine((items) => items.length <= MAX_EXAMPLES, "guidelines.errors.tooManyExamples")
    .refine((items) => items.every((item) => item.length <= LIMITS.example), "guidelines.errors.exampleTooLong");

export const RuleFormSchema = z.object({
  title: requiredText(LIMITS.ruleTitle),
  body: requiredText(LIMITS.ruleBody),
  do: examples(),
  dont: examples(),
});

/**
 * A posted form arrives flat ("rules.0.title"); react-hook-form gives nested values. Either way the
 * schema sees { rules: [{ title, body, do, dont }, …] } in slot order.
 */
export function nestRuleFields(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const source = input as Record<string, unknown>;
  const flat = Object.keys(source).filter((key) => /^rules\.\d+\.[a-z]+$/.test(key));
  if (flat.length === 0) return input;
  const slots = new Map<number, Record<string, unknown>>();
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const match = /^rules\.(\d+)\.([a-z]+)$/.exec(key);
    if (!match) {
      result[key] = value;
      continue;
    }
    const index = Number(match[1]);
    if (index >= MAX_RULES * 2) continue;
    const slot = slots.get(index) ?? {};
    slot[match[2]] = value;
    slots.set(index, slot);
  }
  result.rules = [...slots.entries()].sort(([a], [b]) => a - b).map(([, slot]) => slot);
  return result;
}

/** One language's text in the editor's form (react-hook-form gives it nested; see parseGuidelineTextForm for posts). */
export const GuidelineTextSchema = z.object({
  language: z.enum(LOCALES, { error: "validation.required" }),
  title: requiredText(LIMITS.title),
  introduction: requiredText(LIMITS.introduction),
  rules: z
    .array(RuleFormSchema, { error: "guidelines.errors.tooFewRules" })
    .min(MIN_RULES, "guidelines.errors.tooFewRules")
    .max(MAX_RULES, "guidelines.errors.tooManyRules"),
});

export type GuidelineTextForm = z.output<typeof GuidelineTextSchema>;

/** The posted editor form, with its flat "rules.N.field" names nested, checked by GuidelineTextSchema. */
export function parseGuidelineTextForm(formData: FormData): ParseResult<GuidelineTextForm> {
  const parsed = GuidelineTextSchema.safeParse(nestRuleFields(formDataToObject(formData)));
  return parsed.success ? { success: true, data: parsed.data } : { success: false, errors: issuesToErrors(parsed.error.issues) };
}

export const CreateDocumentSchema = z.object({
  slug: z
    .string({ error: "validation.required" })
    .trim()
    .toLowerCase()
    .min(1, "validation.required")
    .max(60, "validation.tooLong")
    .regex(SLUG_PATTERN, "guidelines.errors.slug"),
  required: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

export const PublishSchema = z.object({
  changeNote: text(LIMITS.changeNote).transform((v) => v.trim()),
  /** Languages the publisher confirms need no change in this version (their text is the previous version's). */
  unchangedLanguages: checkboxList(z.enum(LOCALES, { error: "validation.invalid" })),
});

export const RequiredSchema = z.object({
  required: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

export const AcknowledgeSchema = z.object({
  accept: z.preprocess((v) => v === "on" || v === "true" || v === true, z.literal(true, { error: "guidelines.errors.mustAccept" })),
  versionId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
  language: z.enum(LOCALES, { error: "validation.invalid" }),
  textHash: z.string({ error: "validation.invalid" }).regex(TEXT_HASH_PATTERN, "validation.invalid"),
});

export const MIN_REMINDER_DAYS = 1;
export const DEFAULT_REMINDER_DAYS = 7;
export const MAX_REMINDER_DAYS = 90;

export const ReminderIntervalSchema = z.object({
  intervalDays: z.coerce
    .number({ error: "guidelines.errors.interval" })
    .int("guidelines.errors.interval")
    .min(MIN_REMINDER_DAYS, "guidelines.errors.interval")
    .max(MAX_REMINDER_DAYS, "guidelines.errors.interval"),
});

/** The editor form's values for a text (examples one per line). */
export function textToFormValues(language: Locale, text: GuidelineText | null, slots = DEFAULT_RULE_SLOTS) {
  const rules = (text?.rules ?? []).map((rule) => ({
    title: rule.title,
    body: rule.body,
    do: rule.do.join("\n"),
    dont: rule.dont.join("\n"),
  }));
  while (rules.length < Math.max(MIN_RULES, text ? 0 : slots)) rules.push({ title: "", body: "", do: "", dont: "" });
  return { language, title: text?.title ?? "", introduction: text?.introduction ?? "", rules };
}

export type GuidelineFormValues = ReturnType<typeof textToFormValues>;

/** What was posted to the editor form, nested back into the form's shape (to fill it in again). */
export function postedFormValues(formData: FormData, language: Locale): GuidelineFormValues {
  const nested = nestRuleFields(
    Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string")),
  ) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const rules = Array.isArray(nested.rules) ? (nested.rules as Record<string, unknown>[]) : [];
  return {
    language,
    title: str(nested.title),
    introduction: str(nested.introduction),
    rules: rules.slice(0, MAX_RULES).map((r) => ({ title: str(r.title), body: str(r.body), do: str(r.do), dont: str(r.dont) })),
  };
}
