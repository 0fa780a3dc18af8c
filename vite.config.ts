import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/** The web app lives in web/; it imports the HTTP contract from src/shared as `@shared` and the pure core as `@core`. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
      // The pure domain core (request lint, stages) runs in the browser too, for instant feedback.
      '@core': fileURLToPath(new URL('./src/core', import.meta.url)),
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': 'http://127.0.0.1:7420',
      '/healthz': 'http://127.0.0.1:7420',
    },
  },
});
