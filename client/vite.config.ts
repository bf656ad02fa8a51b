import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vite'

const server = 'http://127.0.0.1:3000'

/**
 * Lazily loaded chunks (the grid's cell editor, the charts) and what they import are preloaded
 * with the page, so a person who goes offline can still edit and open a chart without fetching
 * anything; the chart library is only run when the first chart opens.
 */
function preloadLazyChunks(): Plugin {
  return {
    name: 'tandem:preload-lazy-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter(
          (file) => file.type === 'chunk' && !file.isEntry && file.isDynamicEntry,
        )
        // With what they import (the chart library): fetched and compiled, not run, at load.
        const files = new Set(chunks.flatMap((file) => [file.fileName, ...file.imports]))
        const links = [...files]
          .filter((fileName) => !html.includes(`/${fileName}"`))
          .map((fileName) => `<link rel="modulepreload" crossorigin href="/${fileName}">`)
        return html.replace('</head>', `${links.join('\n')}\n</head>`)
      },
    },
  }
}

/**
 * Lists the built files in `asset-manifest.json`, which the service worker (public/sw.js) caches
 * so that the app opens offline. The version changes whenever a file name (a content hash) does.
 */
function assetManifest(): Plugin {
  return {
    name: 'tandem:asset-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map') && name !== 'index.html')
        .map((name) => `/${name}`)
        .sort()
      files.push('/favicon.svg')
      let hash = 0
      for (const char of files.join('|')) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
      this.emitFile({
        type: 'asset',
        fileName: 'asset-manifest.json',
        source: JSON.stringify({ version: hash.toString(36), files }),
      })
    },
  }
}

export default defineConfig({
  plugins: [react(), preloadLazyChunks(), assetManifest()],
  resolve: {
    alias: {
      '@tandem/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/sync': { target: server, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
})
