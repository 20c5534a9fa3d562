import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API (NestJS) listens on this address in development.
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  cacheDir: '../../node_modules/.vite/web',
  plugins: [react()],
  resolve: {
    // The libraries it may import (only @liaison/contracts; lint enforces it) resolve through the paths of
    // tsconfig.base.json, which apps/web/tsconfig.json extends: Nx sees the same dependency.
    tsconfigPaths: true,
  },
  server: {
    host: '127.0.0.1',
    port: 4200,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The production CSP only allows data: URLs for images; never inline other
    // assets (fonts, scripts) as data: URLs.
    assetsInlineLimit: 0,
  },
});
