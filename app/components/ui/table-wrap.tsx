import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The frame every data table sits in: on a narrow screen it scrolls sideways, with a shadow at the edge
 * that still has columns behind it (the visible affordance); it is a labelled, focusable group so
 * keyboard users can scroll it too (a group, not a region: a page with several tables would otherwise
 * list several landmarks of the same name). Tables marked `stack` turn into one card per row on phones instead.
 */
export function TableWrap({ label, children }: { label?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" role="group" aria-label={label ?? t("experience.table.scrollable")} tabIndex={0}>
      {children}
    </div>
  );
}
