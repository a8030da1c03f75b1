/**
 * The pieces the people import and the directory sync share: the card explaining the CSV format, the
 * upload form (a CSV file, whether to create missing departments, and the page's own fields) and the
 * table of rejected rows.
 */
import type { FormEventHandler, ReactNode } from "react";
import { Form, useNavigation } from "@remix-run/react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FormError, TextInput } from "~/components/forms";
import { TableWrap } from "~/components/ui/table-wrap";

export function CsvFormatCard({ id, intro, example, hint }: { id: string; intro: string; example: string; hint: string }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{t("people.import.formatTitle")}</h2>
      <p>{intro}</p>
      <pre className="mail">{example}</pre>
      <p className="hint">{hint}</p>
    </section>
  );
}

export function CsvUploadForm({
  id,
  title,
  formError,
  onSubmit,
  file,
  createDepartments,
  submitLabel,
  children,
}: {
  id: string;
  title: string;
  formError?: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  file: { registration: UseFormRegisterReturn; error?: string; hint?: string };
  createDepartments: UseFormRegisterReturn;
  submitLabel: string;
  /** The page's own fields, after "create missing departments". */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const uploading = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <FormError error={formError} />
      <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate>
        <TextInput label={t("people.import.file")} type="file" accept=".csv,text/csv" {...file} />
        <label className="checkbox">
          <input type="checkbox" {...createDepartments} /> {t("people.import.createDepartments")}
        </label>
        {children}
        <div className="actions">
          <button type="submit" disabled={uploading}>
            {submitLabel}
          </button>
          {uploading ? (
            <span role="status">
              <progress aria-label={t("people.import.uploading")} /> {t("people.import.uploading")}
            </span>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

export interface RowError {
  line: number;
  email: string | null;
  errors: string[];
}

/** The rows of an uploaded file that were refused, by line, with what was wrong in the reader's language. */
export function RowErrorsTable({ id, rows }: { id: string; rows: RowError[] }) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t("people.import.rejectedTitle")}</h2>
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("people.import.line")}</th>
              <th scope="col">{t("people.email")}</th>
              <th scope="col">{t("people.import.problems")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>{row.email || "—"}</td>
                <td>{row.errors.map((e) => t(e)).join(" ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
