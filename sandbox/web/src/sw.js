// The site's own service worker. Two jobs:
//  - cross-origin isolation: it adds the COOP/COEP headers that static hosts cannot send, so the sandbox's Stop can
//    interrupt Python and keep its state instead of restarting it. Only documents and worker scripts need them:
//    under COEP a same-origin subresource loads without any;
//  - offline reading: every page of the site is cached when the worker installs, and every other file of the site
//    (the sandbox's Pyodide, numpy and engine included) the first time it is fetched, so a reader who visited once
//    can read and run cells with no network.
// The site's build writes DEPLOYMENT (a hash of every file of the site), PAGES and SANDBOX_SCRIPTS into this file (scripts/hooks/
// sandbox.py), so a new deployment is a new worker with a new cache; the old cache is deleted whole when it takes
// over, never mixed with the new one.
//
// Subresources are answered with the cached or fetched response itself, never a rebuilt one: a rebuilt response
// has no link to the browser's caches, so Chromium could not reuse its compiled code for pyodide.asm.wasm and
// would compile the 9 MB module again on every visit (about 0.4 s: scripts/bench_sandbox.py, warm runs).

const DEPLOYMENT = "__DEPLOYMENT__";
const PAGES = "__PAGES__".split("\n").filter(Boolean);
// The sandbox's own small scripts: fetched as a whole once the reader starts Python, so every page's cells work
// offline, not only the ones whose scripts happened to load (lesson pages load a part the playground does not).
// This script runs as the site's service worker, whatever the type checker assumes `self` to be.
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const SANDBOX_SCRIPTS = "__SANDBOX__".split("\n").filter(Boolean);
let sandboxCached = false;
const PREFIX = "site-";
const CACHE = PREFIX + DEPLOYMENT;
const NEEDS_HEADERS = new Set(["document", "iframe", "worker", "sharedworker"]);

sw.addEventListener("install", (event) => {
  sw.skipWaiting();
  // Best effort, one page at a time: a page that fails to arrive is fetched again when it is opened.
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.allSettled(PAGES.map((page) => cache.add(new Request(page, { cache: "reload" }))))));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => sw.clients.claim()),
  );
});

function isolated(response) {
  // Opaque and redirect responses cannot be rebuilt; pass them through untouched.
  if (response.status === 0 || response.type === "opaqueredirect") return response;
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function remember(request, response) {
  if (response.ok && response.type === "basic" && response.status === 200) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response);
  }
}

/** Pages and worker scripts: the network first (a reader online sees the newest page), the cache when offline. */
async function networkFirst(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    event.waitUntil(remember(request, response.clone()));
    return isolated(response);
  } catch (err) {
    const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: request.mode === "navigate" });
    if (cached) return isolated(cached);
    throw err;
  }
}

/** Everything else: files of one deployment never change, so the cache answers first. */
async function cacheFirst(event) {
  const request = event.request;
  if (!sandboxCached && request.url.includes("/assets/sandbox/pyodide/")) {
    sandboxCached = true;
    event.waitUntil(caches.open(CACHE).then((cache) => Promise.allSettled(SANDBOX_SCRIPTS.map((u) => cache.add(u)))));
  }
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  event.waitUntil(remember(request, response.clone()));
  return response;
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || request.method !== "GET") return;
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return; // fetch() would reject it
  if (request.headers.has("range") || url.pathname.includes("/livereload")) return;
  if (request.mode === "navigate" || NEEDS_HEADERS.has(request.destination)) event.respondWith(networkFirst(event));
  else event.respondWith(cacheFirst(event));
});
