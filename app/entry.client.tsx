import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale } from "./utils/i18n";
import { fetchTranslations } from "./utils/page-i18n";

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

// The page's language's strings come as JSON (preloaded by the document), not in the JavaScript.
// Without them the page stays as the server rendered it, working as it does without JavaScript.
const locale = document.documentElement.lang;
const translations = document.querySelector<HTMLLinkElement>("link[data-translations]")?.href;
if (isLocale(locale) && translations) {
  fetchTranslations(locale, translations).then(hydrate, (error: unknown) => console.error(error));
}

// Installable app: the service worker caches built assets so the feed opens fast (public/sw.js).
// This module is imported after the page's scripts, often after "load" has fired: register at once then.
if ("serviceWorker" in navigator && window.isSecureContext) {
  const register = () => void navigator.serviceWorker.register("/sw.js").catch(() => {});
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
}
