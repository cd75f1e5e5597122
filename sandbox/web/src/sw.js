// The site's own service worker: adds the cross-origin isolation headers (COOP/COEP) that static hosts cannot
// send, so the sandbox's Stop can interrupt Python and keep its state instead of restarting it.
//
// Only documents and worker scripts need the headers: under COEP a same-origin subresource loads without any.
// Everything else is left to the browser untouched, and that matters: a response rebuilt here is a new object
// with no link to the HTTP cache, so Chromium cannot reuse its compiled-code cache for pyodide.asm.wasm and
// compiles the 9 MB module again on every visit (about 0.4 s: scripts/bench_sandbox.py, warm runs).
// It caches nothing and fetches nothing of its own.

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const NEEDS_HEADERS = new Set(["document", "iframe", "worker", "sharedworker"]);

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.mode !== "navigate" && !NEEDS_HEADERS.has(request.destination)) return;
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return; // fetch() would reject it
  event.respondWith(
    fetch(request).then((response) => {
      // Opaque and redirect responses cannot be rebuilt; pass them through untouched.
      if (response.status === 0 || response.type === "opaqueredirect") return response;
      const headers = new Headers(response.headers);
      headers.set("Cross-Origin-Opener-Policy", "same-origin");
      headers.set("Cross-Origin-Embedder-Policy", "require-corp");
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});
