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
        // Libraries change less often than the app: separate chunks cache better.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 3,
            },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|dayjs)[\\/]/,
              priority: 2,
            },
            // Not the chart libraries: only the dashboard draws charts, and it is loaded lazily.
            {
              name: 'vendor',
              test: /node_modules[\\/](?!echarts|zrender|echarts-for-react|size-sensor)/,
              priority: 1,
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
