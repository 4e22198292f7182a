import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' so the built folder works from any sub-path and inside an iframe on another origin.
export default defineConfig({
  base: './',
  plugins: [react()],
  // Every browser that runs es2022 supports <link rel="modulepreload">: no polyfill in the first script.
  build: { target: 'es2022', modulePreload: { polyfill: false } },
  worker: { format: 'es' },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    // A sandboxed iframe (no allow-same-origin) has origin "null" and loads module scripts in CORS mode.
    headers: { 'Access-Control-Allow-Origin': '*' },
  },
  server: { headers: { 'Access-Control-Allow-Origin': '*' } },
});
