// Altavoz service worker: makes the app installable and the feed open fast.
// Built assets (/build/, content-hashed) and the interface strings of a version (/locales/<lang>?v=…) are
// served from the cache; pages always go to the network
// first (they depend on the session), falling back to the last copy of the feed page when offline, or
// to a small offline page. The copies are someone's own feed: they are dropped whenever the login page
// is shown (signing out, a session that ended), so the next person on the device never sees them.
// No push: nothing here tracks the reader.
const ASSETS = "altavoz-assets-v1";
const PAGES = "altavoz-pages-v2";
const SHELL = "altavoz-shell-v1";
const OFFLINE = "/offline.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add(OFFLINE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== ASSETS && k !== PAGES && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const offlinePage = () => caches.open(SHELL).then((cache) => cache.match(OFFLINE));

const forgetPages = () => caches.delete(PAGES);
const isLogin = (href) => new URL(href).pathname === "/login";

function feedPage(request) {
  return fetch(request)
    .then((response) => {
      if (response.redirected && isLogin(response.url)) forgetPages();
      else if (response.ok && !response.redirected) {
        // Cloned now: by the time the cache is open the page has read the original body.
        const copy = response.clone();
        caches.open(PAGES).then((cache) => cache.put(request, copy));
      }
      return response;
    })
    .catch(() =>
      caches
        .open(PAGES)
        .then((cache) => cache.match(request))
        .then((hit) => hit ?? offlinePage())
        .then((page) => page ?? Response.error()),
    );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Signing out, or any visit to the login page (also Remix's data request for it): the session is over.
  if ((request.method === "POST" && url.pathname === "/logout") || (request.method === "GET" && isLogin(request.url))) {
    event.waitUntil(forgetPages());
    return;
  }
  if (request.method !== "GET") return;
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
  if (request.mode !== "navigate") return;
  if (url.pathname.startsWith("/feed")) {
    event.respondWith(feedPage(request));
    return;
  }
  event.respondWith(fetch(request).catch(() => offlinePage().then((page) => page ?? Response.error())));
});
