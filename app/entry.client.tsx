import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});

// Installable app: the service worker caches built assets so the feed opens fast (public/sw.js).
// This module is imported after the page's scripts, often after "load" has fired: register at once then.
if ("serviceWorker" in navigator && window.isSecureContext) {
  const register = () => void navigator.serviceWorker.register("/sw.js").catch(() => {});
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
}
