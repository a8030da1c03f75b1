// Altavoz service worker: makes the app installable and the feed open fast.
// Built assets (/build/, content-hashed) and the interface strings of a version (/locales/<lang>?v=…) are served from the cache; pages always go to the network
// first (they depend on the session), falling back to the last copy of the page when offline.
// No push: nothing here tracks the reader.
const ASSETS = "altavoz-assets-v1";
const PAGES = "altavoz-pages-v1";

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== ASSETS && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/build/") || (url.pathname.startsWith("/locales/") && url.searchParams.has("v"))) {
    event.respondWith(
      caches.open(ASSETS).then(async (cache) => {
        const hit = await cache.match(request);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) cache.put(request, response.clone());
        return response;
      }),
    );
    return;
  }
  if (request.mode === "navigate" && url.pathname.startsWith("/feed")) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected) caches.open(PAGES).then((cache) => cache.put(request, response.clone()));
          return response;
        })
        .catch(() =>
          caches
            .open(PAGES)
            .then((cache) => cache.match(request))
            .then((hit) => hit ?? Response.error()),
        ),
    );
  }
});
