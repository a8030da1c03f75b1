import * as z from "zod";
import { CONVERSATION_KINDS, CONVERSATION_NETWORKS, isPublicHttpUrl, MAX_REPORT_URL } from "./kinds";

export const MAX_NOTE = 500;
export const MAX_HANDLE = 100;
export const MAX_REPLY = 2000;

const optionalText = (max: number) =>
  z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));

const publicUrl = (requiredMessage: string) =>
  z.preprocess(
    (v) => v ?? "",
    z
      .string({ error: "validation.invalid" })
      .trim()
      .min(1, requiredMessage)
      .max(MAX_REPORT_URL, "validation.tooLong")
      .refine(isPublicHttpUrl, "conversations.errors.url"),
  );

const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true" || v === true, z.boolean());

/** An employee's report of a public conversation. Only what is public: the link, the handle, a note. */
export const ReportSchema = z.object({
  url: publicUrl("conversations.errors.urlRequired"),
  network: z.preprocess(
    (v) => (v === "" || v === undefined ? "auto" : v),
    z.enum([...CONVERSATION_NETWORKS, "auto"], { error: "validation.invalid" }),
  ),
  kind: z.enum(CONVERSATION_KINDS, { error: "conversations.errors.kindRequired" }),
  note: optionalText(MAX_NOTE),
  handle: optionalText(MAX_HANDLE),
  answeredPublicly: checkbox,
});
export type ReportInput = z.output<typeof ReportSchema>;

const reportId = z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid");

export const CARE_INTENTS = ["claim", "reply", "escalate", "resolve", "not_actionable", "case_study"] as const;

export const ClaimSchema = z.object({ intent: z.literal("claim"), reportId });

export const ReplySchema = z
  .object({
    intent: z.literal("reply"),
    reportId,
    note: optionalText(MAX_REPLY),
    answerUrl: z.preprocess((v) => v ?? "", z.string().trim().max(MAX_REPORT_URL, "validation.tooLong")),
  })
  .superRefine((v, ctx) => {
    if (!v.note && !v.answerUrl) ctx.addIssue({ code: "custom", path: ["note"], message: "conversations.errors.replyRequired" });
    if (v.answerUrl && !isPublicHttpUrl(v.answerUrl))
      ctx.addIssue({ code: "custom", path: ["answerUrl"], message: "conversations.errors.url" });
  });

export const EscalateSchema = z.object({ intent: z.literal("escalate"), reportId, departmentId: reportId, note: optionalText(MAX_REPLY) });

export const CloseSchema = z.object({ intent: z.enum(["resolve", "not_actionable"]), reportId, note: optionalText(MAX_REPLY) });

export const CaseStudySchema = z.object({
  intent: z.literal("case_study"),
  reportId,
  workshopId: reportId,
  outcome: z.enum(["success", "failure"], { error: "validation.invalid" }),
});

const minutesOfDay = z.preprocess(
  (v) => (typeof v === "string" && /^\d{1,2}:\d{2}$/.test(v) ? Number(v.split(":")[0]) * 60 + Number(v.split(":")[1]) : Number.NaN),
  z.number({ error: "conversations.errors.time" }).int().min(0, "conversations.errors.time").max(1440, "conversations.errors.time"),
);

export const CareSettingsSchema = z
  .object({
    intent: z.literal("settings"),
    targetMinutes: z.coerce
      .number({ error: "validation.invalid" })
      .int("validation.invalid")
      .min(5, "conversations.errors.target")
      .max(7 * 24 * 60, "conversations.errors.target"),
    dailyPointCap: z.coerce
      .number({ error: "validation.invalid" })
      .int("validation.invalid")
      .min(0, "validation.invalid")
      .max(100, "validation.invalid"),
    days: z.preprocess(
      (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z.array(
        z.coerce
          .number({ error: "validation.invalid" })
          .int("validation.invalid")
          .min(1, "validation.invalid")
          .max(7, "validation.invalid"),
      ),
    ),
    start: minutesOfDay,
    end: minutesOfDay,
  })
  .superRefine((v, ctx) => {
    if (v.days.length && v.end <= v.start) ctx.addIssue({ code: "custom", path: ["end"], message: "conversations.errors.hoursOrder" });
  });

export const ResponderSchema = z.object({
  intent: z.literal("add_responder"),
  departmentId: reportId,
  email: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(254, "validation.tooLong"),
});
export const RemoveResponderSchema = z.object({ intent: z.literal("remove_responder"), departmentId: reportId, userId: reportId });
