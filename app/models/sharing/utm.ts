import type { ShareNetwork } from "~/models/core/networks";

/** Lower-case ASCII words joined by hyphens, for UTM values that survive every analytics tool. */
export function slugify(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "altavoz"
  );
}

/**
 * The destination with our UTM parameters: source = network, medium = employee advocacy,
 * campaign = the campaign (or "altavoz"), content = the tracked link's code. Other query
 * parameters and the fragment are kept; earlier utm_* values are replaced so reports stay clean.
 * Returns null for anything but an absolute http(s) URL.
 */
export function withUtm(destination: string, utm: { network: ShareNetwork; campaign?: string | null; code: string }): string | null {
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  url.searchParams.set("utm_source", utm.network);
  url.searchParams.set("utm_medium", "employee_advocacy");
  url.searchParams.set("utm_campaign", utm.campaign ? slugify(utm.campaign) : "altavoz");
  url.searchParams.set("utm_content", utm.code);
  return url.toString();
}
