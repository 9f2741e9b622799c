/** The app's pages. Everything but the sign-in page needs a signed-in admin. */
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireSession } from './layout/RequireSession';
import { NotFoundPage } from './pages/NotFoundPage';
import { OutboxPage } from './pages/outbox/OutboxPage';
import { ParticipantProfilePage } from './pages/participants/ParticipantProfilePage';
import { ParticipantsPage } from './pages/participants/ParticipantsPage';
import { ImportDetailPage } from './pages/reporting/ImportDetailPage';
import { ImportsExportsPage } from './pages/reporting/ImportsExportsPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { SignInPage } from './pages/SignInPage';

export const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/participants" replace /> },
      { path: 'participants', element: <ParticipantsPage /> },
      { path: 'participants/profile', element: <ParticipantProfilePage /> },
      { path: 'reporting', element: <ImportsExportsPage /> },
      { path: 'reporting/imports/:id', element: <ImportDetailPage /> },
      { path: 'outbox', element: <OutboxPage /> },
      { path: 'outbox/:id', element: <OutboxPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
