import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ForbiddenPage, Loading, NotFoundPage, SignInRequired } from './ui/ui';
import { AdminPage, ADMIN_SECTIONS, type AdminSection } from './features/admin/AdminPage';
import { AuthorityPage } from './features/directory/AuthorityPage';
import { CoordinationPage } from './features/coordination/CoordinationPage';
import { DirectoryPage } from './features/directory/DirectoryPage';
import { EnrolPage } from './features/account/EnrolPage';
import { HomePage } from './features/home/HomePage';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { ProfilePage } from './features/account/profile/ProfilePage';
import { SearchPage } from './features/messaging/SearchPage';
import { SignInPage } from './features/account/SignInPage';
import { ThreadPage } from './features/messaging/thread/ThreadPage';
import { ThreadsPage } from './features/messaging/ThreadsPage';
import { navigate, usePathname } from './router';
import { type Role, useSession } from './session';
import { SiteFooter, SiteHeader } from './Shell';

/** Who may open a page: anyone, any signed-in member, or members with one of the roles. */
type Access = 'public' | 'signed-in' | readonly Role[];

interface Match {
  access: Access;
  /** The page's name, for the 403 page. */
  name?: 'admin' | 'coordination';
  render: () => ReactNode;
}

const ADMIN_ROLES: readonly Role[] = ['admin', 'secretariat'];

function match(pathname: string): Match | null {
  switch (pathname) {
    case '/':
      return { access: 'public', render: () => <HomePage /> };
    case '/sign-in':
      return { access: 'public', render: () => <SignInPage /> };
    case '/invitation':
      return { access: 'public', render: () => <EnrolPage key="invitation" kind="invitation" /> };
    case '/reset':
      return { access: 'public', render: () => <EnrolPage key="reset" kind="reset" /> };
    case '/directory':
      return { access: 'signed-in', render: () => <DirectoryPage /> };
    case '/profile':
      return { access: 'signed-in', render: () => <ProfilePage /> };
    case '/notifications':
      return { access: 'signed-in', render: () => <NotificationsPage /> };
    case '/threads':
      return { access: 'signed-in', render: () => <ThreadsPage /> };
    case '/search':
      return { access: 'signed-in', render: () => <SearchPage /> };
    case '/coordination':
      return { access: ['coordinator'], name: 'coordination', render: () => <CoordinationPage /> };
  }
  const authority = /^\/directory\/([^/]+)$/.exec(pathname);
  if (authority) {
    const id = decodeURIComponent(authority[1]);
    return { access: 'signed-in', render: () => <AuthorityPage key={id} id={id} /> };
  }
  const thread = /^\/threads\/([0-9a-fA-F-]{36})$/.exec(pathname);
  if (thread) {
    const id = thread[1].toLowerCase();
    return { access: 'signed-in', render: () => <ThreadPage key={id} id={id} /> };
  }
  const admin = /^\/admin(?:\/([a-z-]+))?$/.exec(pathname);
  if (admin) {
    const section = (admin[1] ?? 'users') as AdminSection;
    if (!ADMIN_SECTIONS.includes(section)) return null;
    return { access: ADMIN_ROLES, name: 'admin', render: () => <AdminPage section={section} /> };
  }
  return null;
}

function normalise(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

function Page({ route }: { route: Match | null }) {
  const session = useSession();
  const { t } = useTranslation();
  if (!route) return <NotFoundPage />;
  if (route.access === 'public') return route.render();
  if (session.status === 'restoring') return <Loading />;
  if (session.status === 'anonymous') return <SignInRequired />;
  if (route.access !== 'signed-in' && !route.access.includes(session.user.role)) {
    return <ForbiddenPage title={route.name === 'admin' ? t('admin.title') : t('coordination.title')} />;
  }
  return route.render();
}

export function App() {
  const pathname = normalise(usePathname());
  const mainRef = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  const route = match(pathname);

  // `/admin` shows the first section: say so in the address bar.
  useEffect(() => {
    if (pathname === '/admin') navigate('/admin/users', { replace: true });
  }, [pathname]);

  // After moving to another page, start at its top, and let screen readers start reading from its content.
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <SiteHeader pathname={pathname} />
      <main id="main" ref={mainRef} className="container main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <SiteFooter />
    </>
  );
}
