// The service worker that keeps the app usable offline after the first visit
// (registered by the page, src/ui/browser.rs; never on a page opened from disk).
//
// - install: caches the app's own files, all of them, under a name that carries the
//   build's version;
// - fetch: answers GET requests for the app's own origin from that cache, and from the
//   network only what it does not hold; requests for any other origin are left alone
//   (the page's CSP forbids them anyway): it never fetches nor caches them;
// - a new build (another version below, so another sw.js) installs beside the old one
//   and waits, as service workers do, until no tab runs the old version any more, so
//   that a page never mixes files of two builds; on activate it deletes the caches of
//   older versions.
'use strict';

// Written by the build (scripts/externalize-init.mjs, via scripts/offline-manifest.mjs):
// a hash of the build's files, and their names relative to this script.
const VERSION = 'development';
const FILES = ['./', './index.html'];

// Cache Storage is shared by the whole origin: the names carry this copy's scope, so
// that two copies of the app in different folders keep their caches apart.
const PREFIX = `retention-calculator ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // 'no-cache': revalidated with the server, so that an HTTP cache cannot hand an
      // older build's file to this version's cache.
      cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      // The first visit's page (and its worker) use the cache at once, without a reload.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches
      .open(CACHE)
      // The page's own settings are in its query (?language=nl): the same file.
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((cached) => cached || fetch(request)),
  );
});
