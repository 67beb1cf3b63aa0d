import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server sends `Content-Security-Policy: script-src 'self'`, so the built
// index.html must carry no inline script: the module-preload polyfill is off.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
