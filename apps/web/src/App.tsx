import { Outlet } from '@tanstack/react-router';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ForbiddenPage, Loading, SignInRequired } from './ui/ui';
import { usePathname } from './router';
import { type Role, useSession } from './session';
import { SiteFooter, SiteHeader } from './Shell';

/** Who may open a page: any signed-in member, or members with one of the roles. */
export type Access = 'signed-in' | readonly Role[];

export const ADMIN_ROLES: readonly Role[] = ['admin', 'secretariat'];

/** Who reads the helpdesk's statistics (the API narrows a coordinator's to the networks they coordinate). */
export const STATISTICS_ROLES: readonly Role[] = ['secretariat', 'coordinator'];

const FORBIDDEN_TITLES = {
  admin: 'admin.title',
  coordination: 'coordination.title',
  statistics: 'statistics.title',
  helpdesk: 'helpdesk.queue.title',
} as const;

/**
 * The frame of every page: header, the content and footer. After moving to another page, start at its top,
 * and let screen readers start reading from its content.
 */
export function RootLayout() {
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement>(null);
  const firstPage = useRef(true);

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
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

/**
 * Shows its pages only to whoever may open them: a sign-in prompt to visitors, a 403 page (named after the
 * page, `name`) to members without the role. Access is decided again by the API on every request; this only
 * chooses what to show.
 */
export function Guard({
  access,
  name,
  children,
}: {
  access: Access;
  name?: keyof typeof FORBIDDEN_TITLES;
  children?: ReactNode;
}) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.status === 'restoring') return <Loading />;
  if (session.status === 'anonymous') return <SignInRequired />;
  if (access !== 'signed-in' && !access.includes(session.user.role)) {
    return <ForbiddenPage title={t(FORBIDDEN_TITLES[name ?? 'coordination'])} />;
  }
  return <>{children ?? <Outlet />}</>;
}
