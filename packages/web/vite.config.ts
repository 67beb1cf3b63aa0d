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
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // React changes less often than the app: its own chunk caches better. Everything else is split by
        // the routes that use it (each page is lazy: app/router.tsx), so the login page and the library load
        // only the Ant Design components they use (first-load budget: bench/bundle-budget).
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 3,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
