import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/utils/i18n";
import { translationsResponse } from "~/utils/translations.server";

/** One language's interface strings for the browser (public: the login page needs them too). */
export function loader({ params, request }: LoaderFunctionArgs) {
  if (!isLocale(params.locale)) throw new Response("Not found", { status: 404 });
  return translationsResponse(params.locale, new URL(request.url).searchParams.get("v"));
}
