/* global self, caches, fetch, Response */
/**
 * Tandem's offline shell: the page and its assets are cached when the app is installed, so a
 * reload while offline still opens the board, which then reads the plan from IndexedDB.
 * Navigations go to the network first; hashed assets come from the cache first. The API and the
 * sync socket are never cached.
 */
const PREFIX = 'tandem-shell:'

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await (await fetch('/asset-manifest.json', { cache: 'no-store' })).json()
      const cache = await caches.open(PREFIX + manifest.version)
      await cache.addAll(['/', ...manifest.files])
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await (await fetch('/asset-manifest.json', { cache: 'no-store' })).json()
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== PREFIX + manifest.version) await caches.delete(name)
      }
      await self.clients.claim()
    })().catch(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/')) return
  if (event.request.mode === 'navigate') {
    event.respondWith(
      fetch(event.request).catch(async () => (await caches.match('/')) ?? Response.error()),
    )
    return
  }
  if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith((async () => (await caches.match(event.request)) ?? fetch(event.request))())
  }
})
