// Reading form state the way assistive technology does: a field's error is the text its input points
// to with aria-describedby (the components in app/components/forms.tsx give it an id ending in "-error").
import type { Locator, Page } from "playwright-core";

/** The error text tied to the field with this label (looked for in `scope`: a page or a part of one), or null when it has none. */
export async function fieldError(scope: Page | Locator, label: string | RegExp, options: { exact?: boolean } = {}): Promise<string | null> {
  const page = "context" in scope ? scope : scope.page();
  const input = scope.getByLabel(label, { exact: options.exact });
  if ((await input.count()) !== 1) return null;
  const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(/\s+/).find((id) => id.endsWith("-error"));
  if (!errorId) return null;
  const error = page.locator(`[id="${errorId}"]`);
  return (await error.count()) ? ((await error.textContent()) ?? "").trim() : null;
}

/** Every field error shown on the page, in order. */
export async function allFieldErrors(page: Page): Promise<string[]> {
  return (await page.locator(".field-error").allTextContents()).map((text) => text.trim());
}
