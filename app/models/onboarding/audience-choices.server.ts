/**
 * What the "required of" form of a guideline or workshop offers and saves: every department and cohort by
 * name, the current audience, and the posted form turned into `setRequiredAudience`.
 */
import type { DB } from "~/utils/db.server";
import { parseFormData, type FieldErrors } from "~/utils/forms";
import { cohortOptions } from "~/models/cohorts/cohorts.server";
import { listDepartments } from "~/models/people/departments.server";
import type { Audience, AudienceKind } from "./audience.server";
import { requiredAudience, setRequiredAudience } from "./audience-writes.server";
import { AudienceSchema } from "./audience-form";

export interface AudienceChoice {
  id: string;
  name: string;
}

export interface AudienceChoices {
  departments: AudienceChoice[];
  /** Cohorts (programme waves) in the order of their start, as everywhere else. */
  cohorts: AudienceChoice[];
  chosen: Audience;
}

/** Spanish alphabetical order ("Área" with the A's), the same on both dialects (their own collations differ). */
const byName = new Intl.Collator("es", { sensitivity: "base" });

export async function audienceChoices(db: DB, kind: AudienceKind, subjectId: string): Promise<AudienceChoices> {
  const [departments, cohorts, chosen] = await Promise.all([listDepartments(db), cohortOptions(db), requiredAudience(db, kind, subjectId)]);
  departments.sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return { departments, cohorts, chosen };
}

/** Saves the posted audience; on a malformed form or an unknown department or cohort nothing changes. */
export async function saveAudienceForm(
  db: DB,
  kind: AudienceKind,
  subjectId: string,
  formData: FormData,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const parsed = parseFormData(AudienceSchema, formData);
  if (!parsed.success) return { ok: false, errors: parsed.errors };
  const result = await setRequiredAudience(db, { kind, subjectId, ...parsed.data });
  return result.ok ? { ok: true } : { ok: false, errors: { [result.field]: result.error } };
}
