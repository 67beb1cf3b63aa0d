import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { loadLocale, readStoredLocale } from './i18n/dictionaries.ts';
import { queryClient } from './app/queryClient.ts';
import { router } from './app/router.tsx';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// A user who chose English gets it before the first paint (it is not in the first chunk).
await loadLocale(readStoredLocale()).catch(() => undefined);

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
