/**
 * The app's pages, as a TanStack Router route tree declared in code (no generated route file): the frame
 * (`RootLayout`) around every page, a layout for the pages of signed-in members, one for `/admin`, and typed
 * params for the pages of one thing (`/directory/$authorityId`, `/threads/$threadId`, `/meetings/$meetingId`,
 * `/admin/$section`).
 */
import {
  type RouterHistory,
  createBrowserHistory,
  createRootRoute,
  createRoute,
  createRouter,
  redirect,
  useParams,
} from '@tanstack/react-router';
import { ADMIN_ROLES, Guard, RootLayout, STATISTICS_ROLES } from './App';
import { AdminPage, ADMIN_SECTIONS, type AdminSection } from './features/admin/AdminPage';
import { AuthorityPage } from './features/directory/AuthorityPage';
import { CoordinationPage } from './features/coordination/CoordinationPage';
import { DirectoryPage } from './features/directory/DirectoryPage';
import { HistoryPage } from './features/directory/HistoryPage';
import { ProposalPage, ProposalsPage } from './features/directory/ProposalsPage';
import { ProposePage } from './features/directory/ProposePage';
import { SnapshotPage, SnapshotsPage } from './features/directory/SnapshotsPage';
import { EnrolPage } from './features/account/EnrolPage';
import { FilingPage } from './features/helpdesk/FilingPage';
import { HomePage } from './features/home/HomePage';
import { MeetingPage } from './features/meetings/MeetingPage';
import { MeetingsPage } from './features/meetings/MeetingsPage';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { QueuePage } from './features/helpdesk/QueuePage';
import { ProfilePage } from './features/account/profile/ProfilePage';
import { SchedulePage } from './features/meetings/SchedulePage';
import { SearchPage } from './features/messaging/SearchPage';
import { SignInPage } from './features/account/SignInPage';
import { ThreadPage } from './features/messaging/thread/ThreadPage';
import { ThreadsPage } from './features/messaging/ThreadsPage';
import { TicketPage } from './features/helpdesk/TicketPage';
import { TicketsPage } from './features/helpdesk/TicketsPage';
import { bindHistory } from './router';
import { Loading, NotFoundPage } from './ui/ui';
import { lazy, Suspense } from 'react';

// Its charts (Chart.js) are loaded only by whoever opens it: most members never do.
const StatisticsPage = lazy(() =>
  import('./features/statistics/StatisticsPage').then((module) => ({ default: module.StatisticsPage })),
);

/** A UUID: the id in `/threads/$threadId` and `/meetings/$meetingId`. */
const THREAD_ID = /^[0-9a-fA-F-]{36}$/;

function isAdminSection(value: string): value is AdminSection {
  return (ADMIN_SECTIONS as readonly string[]).includes(value);
}

const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFoundPage });

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });
const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: 'sign-in', component: SignInPage });
const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'invitation',
  component: () => <EnrolPage key="invitation" kind="invitation" />,
});
const resetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'reset',
  component: () => <EnrolPage key="reset" kind="reset" />,
});

/** The pages of signed-in members: a sign-in prompt instead for visitors. */
const memberRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'member',
  component: () => <Guard access="signed-in" />,
});

const directoryRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'directory',
  component: DirectoryPage,
});
const authorityRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'directory/$authorityId',
  component: function Authority() {
    const { authorityId } = authorityRoute.useParams();
    return <AuthorityPage key={authorityId} id={authorityId} />;
  },
});
const proposeRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'directory/$authorityId/propose',
  component: function Propose() {
    const { authorityId } = proposeRoute.useParams();
    return <ProposePage key={authorityId} id={authorityId} />;
  },
});
const historyRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'directory/$authorityId/history',
  component: function History() {
    const { authorityId } = historyRoute.useParams();
    return <HistoryPage key={authorityId} id={authorityId} />;
  },
});
const proposalsRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'directory/proposals',
  component: ProposalsPage,
});
const proposalRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'directory/proposals/$proposalId',
  component: function Proposal() {
    const { proposalId } = proposalRoute.useParams();
    return THREAD_ID.test(proposalId) ? <ProposalPage key={proposalId} id={proposalId} /> : <NotFoundPage />;
  },
});
const snapshotsRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'directory/snapshots',
  component: SnapshotsPage,
});
const snapshotRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'directory/snapshots/$snapshotId',
  component: function Snapshot() {
    const { snapshotId } = snapshotRoute.useParams();
    return THREAD_ID.test(snapshotId) ? <SnapshotPage key={snapshotId} id={snapshotId} /> : <NotFoundPage />;
  },
});
const profileRoute = createRoute({ getParentRoute: () => memberRoute, path: 'profile', component: ProfilePage });
const notificationsRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'notifications',
  component: NotificationsPage,
});
const threadsRoute = createRoute({ getParentRoute: () => memberRoute, path: 'threads', component: ThreadsPage });
const threadRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'threads/$threadId',
  component: function Thread() {
    const { threadId } = threadRoute.useParams();
    if (!THREAD_ID.test(threadId)) return <NotFoundPage />;
    const id = threadId.toLowerCase();
    return <ThreadPage key={id} id={id} />;
  },
});
const meetingsRoute = createRoute({ getParentRoute: () => memberRoute, path: 'meetings', component: MeetingsPage });
const scheduleRoute = createRoute({ getParentRoute: () => memberRoute, path: 'meetings/new', component: SchedulePage });
const meetingRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'meetings/$meetingId',
  component: function Meeting() {
    const { meetingId } = meetingRoute.useParams();
    if (!THREAD_ID.test(meetingId)) return <NotFoundPage />;
    const id = meetingId.toLowerCase();
    return <MeetingPage key={id} id={id} />;
  },
});
const searchRoute = createRoute({ getParentRoute: () => memberRoute, path: 'search', component: SearchPage });
const helpdeskRoute = createRoute({ getParentRoute: () => memberRoute, path: 'helpdesk', component: TicketsPage });
/** `/helpdesk/new?authority=<id>`: filing, started from an authority's record or not. */
const filingRoute = createRoute({ getParentRoute: () => memberRoute, path: 'helpdesk/new', component: FilingPage });
const ticketRoute = createRoute({
  getParentRoute: () => memberRoute,
  path: 'helpdesk/tickets/$ticketId',
  component: function Ticket() {
    const { ticketId } = ticketRoute.useParams();
    if (!THREAD_ID.test(ticketId)) return <NotFoundPage />;
    const id = ticketId.toLowerCase();
    return <TicketPage key={id} id={id} />;
  },
});
const queueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'helpdesk/queue',
  component: () => (
    <Guard access={['secretariat']} name="helpdesk">
      <QueuePage />
    </Guard>
  ),
});
const coordinationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'coordination',
  component: () => (
    <Guard access={['coordinator']} name="coordination">
      <CoordinationPage />
    </Guard>
  ),
});
const statisticsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'statistics',
  component: () => (
    <Guard access={STATISTICS_ROLES} name="statistics">
      <Suspense fallback={<Loading />}>
        <StatisticsPage />
      </Suspense>
    </Guard>
  ),
});

/** `/admin/…`: staff only. An unknown section is a 404 for anyone, as it names no page. */
const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'admin',
  component: function AdminLayout() {
    const { section } = useParams({ strict: false });
    if (section !== undefined && !isAdminSection(section)) return <NotFoundPage />;
    return <Guard access={ADMIN_ROLES} name="admin" />;
  },
});
// `/admin` shows the first section: say so in the address bar.
const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/$section', params: { section: 'users' }, replace: true });
  },
});
const adminSectionRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '$section',
  component: function AdminSectionPage() {
    const { section } = adminSectionRoute.useParams();
    return isAdminSection(section) ? <AdminPage section={section} /> : <NotFoundPage />;
  },
});

export const routeTree = rootRoute.addChildren([
  homeRoute,
  signInRoute,
  invitationRoute,
  resetRoute,
  memberRoute.addChildren([
    directoryRoute,
    authorityRoute,
    proposeRoute,
    historyRoute,
    proposalsRoute,
    proposalRoute,
    snapshotsRoute,
    snapshotRoute,
    profileRoute,
    notificationsRoute,
    threadsRoute,
    threadRoute,
    searchRoute,
    meetingsRoute,
    scheduleRoute,
    meetingRoute,
    helpdeskRoute,
    filingRoute,
    ticketRoute,
  ]),
  queueRoute,
  coordinationRoute,
  statisticsRoute,
  adminRoute.addChildren([adminIndexRoute, adminSectionRoute]),
]);

/** The app's router, on the browser's history unless given another (a memory history in tests). */
export function createAppRouter(history: RouterHistory = createBrowserHistory()) {
  bindHistory(history);
  return createRouter({ routeTree, history, trailingSlash: 'never' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
