/**
 * The "required of" form of a required guideline or workshop (see audience.server.ts): the schema shared by
 * the browser (react-hook-form) and the actions. No departments and no cohorts ticked: everyone.
 */
import * as z from "zod";
import { checkboxList } from "~/utils/form-fields";

/** More boxes than any organisation has departments and waves: a longer list is not a browser's form. */
export const MAX_AUDIENCE_CHOICES = 500;

const isId = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length <= 100;

/** Ticked ids; one problem is reported on the list itself, where the form shows it. */
const ids = () =>
  checkboxList(z.unknown())
    .refine((list) => list.length <= MAX_AUDIENCE_CHOICES && list.every(isId), "validation.invalid")
    .transform((list) => list.filter(isId));

export const AudienceSchema = z.object({
  departmentIds: ids(),
  cohortIds: ids(),
});

export type AudienceFormValues = z.output<typeof AudienceSchema>;
