import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { queryClient, startQueryCache } from './api/query-client';
import { RouterProvider } from '@tanstack/react-router';
import { startMessaging } from './features/messaging/store';
import { startNotifications } from './features/notifications/store';
import { startRealtime } from './realtime';
import { createAppRouter } from './routes';
import { restoreSession } from './session';
// The style sheets, in cascade order: later ones may refine earlier ones, so this order is part of the look.
import './ui/base.css';
import './features/home/styles.css';
import './features/account/styles.css';
import './ui/components.css';
import './features/directory/styles.css';
import './features/admin/styles.css';
import './features/notifications/styles.css';
import './features/messaging/styles.css';
import './features/statistics/styles.css';
import './features/meetings/styles.css';
import './features/helpdesk/styles.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Liaison: #root element is missing from index.html');
}

// Once, at start: bring back the session this browser may still have (refresh cookie).
void restoreSession();
// From then on, a realtime socket while a user is signed in.
startRealtime();
// And the notifications of whoever is signed in, kept up to date through it.
startNotifications();
// And their conversations: the unread total, and one sync module per socket for the thread views.
startMessaging();
// And the cache of what the pages show: emptied when the user changes, refreshed after missed events.
startQueryCache();

const router = createAppRouter();

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
