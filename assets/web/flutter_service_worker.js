// Delegate Companion's service worker: keeps the pocket agenda for when the live app is out of reach.
// Served as flutter_service_worker.js because Flutter's loader re-registers that name; Flet's own
// copy would unregister itself and reload the page. Version: __VERSION__ (set when served).
'use strict';

const VERSION = '__VERSION__';
const PROGRAMME = 'dc-programme-' + VERSION; // this version's programme-only pages
const MINE = 'dc-pocket-v1'; // the signed-in delegate's pages; kept across deploys
const LANGS = ['en', 'fr', 'nl'];
const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(PROGRAMME)
      .then((cache) => cache.addAll(LANGS.map((l) => scoped(`pocket/programme.${l}.html`))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('dc-programme-') && name !== PROGRAMME) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page tells us what the app wrote after a sync: {type: 'store', owner, lang, pages} or
// {type: 'clear'} (signed out). Messages are handled one at a time, and a store overwrites the
// pages in place before it drops what the new owner has not: a reload in between still finds a
// page of the delegate, never the programme-only fallback.
let queue = Promise.resolve();
self.addEventListener('message', (event) => {
  const message = event.data || {};
  queue = queue.then(() => keep(message)).catch((e) => console.warn('pocket agenda', e));
  event.waitUntil(queue);
});

async function keep(message) {
  const cache = await caches.open(MINE);
  const kept = new Set();
  if (message.type === 'store' && message.pages) {
    const headers = { 'Content-Type': 'text/html; charset=utf-8' };
    for (const lang of LANGS) {
      const html = message.pages[lang];
      if (typeof html !== 'string' || !html.includes('</html>')) continue;
      const url = scoped(`pocket/mine.${lang}.html`);
      await cache.put(url, new Response(html, { headers }));
      kept.add(url);
    }
    if (kept.size) {
      const meta = scoped('pocket/mine.json');
      await cache.put(meta, new Response(JSON.stringify({ owner: message.owner, lang: message.lang })));
      kept.add(meta);
    }
  }
  for (const request of await cache.keys()) if (!kept.has(request.url)) await cache.delete(request);
}

async function preferredLanguage() {
  const meta = await caches.match(scoped('pocket/mine.json'), { cacheName: MINE });
  try {
    const lang = meta ? (await meta.json()).lang : 'en';
    return LANGS.includes(lang) ? lang : 'en';
  } catch (e) {
    return 'en';
  }
}

// The delegate's page, else (or when `programme` is asked for) the programme-only page; never an
// error page. `saved`: opened from the live app (Print or save my agenda, `?saved`), so its
// banner must not say offline: the page's class "offline" becomes "saved", which shows "Copy,
// read-only" instead (the page has no script), and its language links keep `?saved`.
async function pocketPage(lang, saved = false, programme = false) {
  const wanted = lang || (await preferredLanguage());
  const mine =
    !programme && (await caches.match(scoped(`pocket/mine.${wanted}.html`), { cacheName: MINE }));
  const page =
    mine ||
    (await caches.match(scoped(`pocket/programme.${wanted}.html`), { cacheName: PROGRAMME }));
  const headers = { 'Content-Type': 'text/html; charset=utf-8' };
  if (!page) return new Response('<!DOCTYPE html><title>Offline</title><p>Offline.</p>', { headers });
  const html = onToday(rooted(await page.text()));
  if (!saved) return new Response(html.replace('</body>', `${backOnline()}</body>`), { headers });
  const copy = html
    .replace(' class="offline">', ' class="saved">')
    .replace(/(href="[^"]*pocket\/mine\.(?:en|fr|nl)\.html)"/g, '$1?saved"');
  return new Response(copy, { headers });
}

// A page's links lead from the app's root (`/pocket/mine.fr.html`, and `/` for the live app):
// this worker shows the same page at pocket/mine.nl.html and, offline, at any address of the
// app. Copies kept before that wrote them relative to the page (`pocket/mine.fr.html`, `./`),
// which led one folder deeper at every tap (/pocket/pocket/...). Both become full addresses in
// this worker's scope, which a page saved as a file or printed to PDF keeps working with.
function rooted(html) {
  const page = /href="\/?(pocket\/(?:mine|programme)\.(?:en|fr|nl)\.html)"/g;
  return html
    .replace(page, (_, path) => `href="${scoped(path)}"`)
    .replace(/ href="\.?\/"/g, ` href="${scoped('./')}"`);
}

// The one address of a pocket page (`kind` mine or programme) in `lang`: a deeper one
// (/pocket/pocket/mine.fr.html, kept in a bookmark or a saved copy from before) is sent there,
// with its `?saved`.
function canonical(url, kind, lang) {
  const page = scoped(`pocket/${kind}.${lang}.html`);
  return url.origin + url.pathname === page ? null : page + url.search;
}

// The offline copy stays open when the network comes back: once the live app answers, its banner
// says so ("Online again · Open the live app") instead of "Offline copy". A network alone is not
// enough (venue Wi-Fi behind a login page, the server down): the page asks the app's address
// (HEAD, which this worker lets through) and asks again every 15 s while the phone stays online.
// Only the page served offline gets this script; the kept page, printed or saved, stays script-free.
const backOnline = () => `<script>(function () {
  var c = document.documentElement.classList, timer = null;
  function check() {
    timer = null;
    if (!navigator.onLine) return;
    fetch(${JSON.stringify(scoped('./'))}, { method: 'HEAD', cache: 'no-store' })
      .then(function (r) { if (r.status < 500) c.add('online'); else later(); })
      .catch(later);
  }
  function later() { if (navigator.onLine && !timer) timer = setTimeout(check, 15000); }
  addEventListener('online', check);
  addEventListener('offline', function () { c.remove('online'); clearTimeout(timer); timer = null; });
})();</script>`;

// Today's date in the mission's zone (the page's data-zone), as its day anchors write it.
function missionDate(zone) {
  try {
    const format = { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' };
    const parts = new Intl.DateTimeFormat('en-CA', format).formatToParts(new Date(Date.now()));
    const part = (type) => parts.find((p) => p.type === type).value;
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch (e) {
    return null; // an unknown zone: the page opens at its top
  }
}

// On a mission day the page opens on today, not on the first day: today's heading gets
// autofocus (the page stays script-free, and prints whole, first day first).
function onToday(html) {
  const zone = (html.match(/^<html[^>]* data-zone="([^"]+)"/m) || [])[1];
  const day = zone && missionDate(zone);
  if (!day) return html;
  return html.replace(`<h3 id="day-${day}">`, `<h3 id="day-${day}" tabindex="-1" autofocus>`);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only our own pages: never the WebSocket, the feed, assets, or anything of a third party.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const pocket = url.pathname.match(/pocket\/(mine|programme)\.(en|fr|nl)\.html$/);
  const [kind, lang] = pocket && url.href.startsWith(self.registration.scope) ? pocket.slice(1) : [];
  const moved = kind && canonical(url, kind, lang);
  if (moved) {
    event.respondWith(Response.redirect(moved, 301));
    return;
  }
  if (kind === 'mine') {
    event.respondWith(pocketPage(lang, url.search === '?saved'));
    return;
  }
  if (request.mode !== 'navigate') return;
  // a programme page's language link followed offline: that page, not the preferred language's
  const fallback = () => (kind === 'programme' ? pocketPage(lang, false, true) : pocketPage());
  event.respondWith(
    (async () => {
      if (self.navigator && self.navigator.onLine === false) return fallback();
      try {
        const response = await fetch(request);
        // behind a proxy, a stopped app server answers 502/503/504: the pocket page instead
        return response.status >= 500 ? fallback() : response;
      } catch (e) {
        return fallback();
      }
    })(),
  );
});
