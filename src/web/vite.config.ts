import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const outDir = path.resolve(root, '../../dist/web');

/**
 * Writes sw.js with this build's file list, so each build gets a new service worker that precaches
 * the sign-in page's first load and drops cached files no build uses any more (phones are small).
 */
function serviceWorker(): Plugin {
  return {
    name: 'vaka-service-worker',
    apply: 'build',
    // After the files are written, when index.html names its final scripts.
    writeBundle(options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/'))
        .sort();
      const html = bundle['index.html'];
      const firstLoad = new Set<string>();
      const visit = (fileName: string) => {
        const file = bundle[fileName];
        if (!file || firstLoad.has(fileName)) return;
        firstLoad.add(fileName);
        if (file.type !== 'chunk') return;
        for (const css of file.viteMetadata?.importedCss ?? []) visit(css);
        file.imports.forEach(visit);
      };
      const htmlSource = html?.type === 'asset' ? String(html.source) : '';
      for (const [, file] of htmlSource.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) visit(file!);
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12);
      const shell = ['/', '/icon.svg', '/manifest.webmanifest', ...[...firstLoad].map((file) => `/${file}`)];
      const source = readFileSync(path.join(root, 'service-worker.js'), 'utf8');
      writeFileSync(
        path.join(options.dir ?? outDir, 'sw.js'),
        `const VERSION = '${version}';\n` +
          `const SHELL = ${JSON.stringify(shell)};\n` +
          `const ASSETS = new Set(${JSON.stringify(assets.map((file) => `/${file}`))});\n` +
          source,
      );
    },
  };
}

/**
 * Marks the start chunk for V8 to compile whole while it downloads, on a background thread
 * (Chromium 136+ reads the comment; other browsers ignore it). Otherwise each function is compiled
 * on the main thread the first time it runs, inside the first renders: most of the long tasks
 * Lighthouse counted as blocking time after the first paint (decision 0028).
 */
function compileHints(): Plugin {
  return {
    name: 'vaka-compile-hints',
    apply: 'build',
    // Last: after minifying, which would drop the comment, and after Vite puts its preload list at
    // the top, since V8 reads the comment only there.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle))
          if (file.type === 'chunk' && file.name === 'start')
            file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
      },
    },
  };
}

// The web app is the only built part of Vaka; the server serves dist/web from the same process.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), compileHints(), serviceWorker()],
  publicDir: path.join(root, 'public'),
  css: { postcss: root },
  build: {
    outDir,
    emptyOutDir: true,
    // Top-level await in main.tsx: the language is loaded before the first render.
    target: 'es2022',
    sourcemap: false,
    // The one start chunk holds React, Mantine's core and i18next, about 420 kB before gzip.
    chunkSizeWarningLimit: 500,
    // Every browser Vaka supports knows <link rel="modulepreload">; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // What the sign-in page needs comes in one chunk besides the entry: on a far-off island a
        // round trip can take half a second, and the server speaks HTTP/1.1 (six at a time).
        codeSplitting: {
          groups: [
            { name: 'start', tags: ['$initial'] },
            // Mantine's and TanStack's small helpers that most pages share, in one file instead of
            // a dozen of a few hundred bytes each (decision 0023).
            {
              name: 'common',
              test: /node_modules[\\/](@mantine[\\/](core[\\/]esm[\\/](core[\\/]utils|components[\\/]VisuallyHidden)|hooks)|@tanstack)[\\/]/,
              includeDependenciesRecursively: false,
            },
            // Every page's component styles in one stylesheet (decision 0023).
            { name: 'styles', test: /\.css$/ },
          ],
        },
      },
    },
  },
  // `npm run dev:web` talks to a Vaka started with `npm start` on the usual port.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
