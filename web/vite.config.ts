/**
 * Builds the admin app into web/dist, which `rewardbook serve` serves at /. In development,
 * `npx vite --config web/vite.config.ts` serves the app with hot reload and forwards the API
 * to a server started with `npm run dev` (port 3000).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.REWARDBOOK_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // The domain's pure rules (amount parsing and formatting) are shared with the server.
    alias: { '@domain': fileURLToPath(new URL('../src/domain', import.meta.url)) },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': api, '/download': api } },
});
