import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

// The web app is the only built part of Vaka; the server serves dist/web from the same process.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  publicDir: path.join(root, 'public'),
  css: { postcss: path.join(root) },
  build: {
    outDir: path.resolve(root, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
