import { type KeyboardEvent, type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from './api/client';
import { ConnectionIndicator } from './ConnectionIndicator';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage, storedLanguage, useLanguage } from './i18n';
import { useInbox } from './features/messaging/store';
import { NotificationBell } from './features/notifications/NotificationBell';
import { Link, navigate } from './router';
import { signOut, updateUser, useSession } from './session';

interface NavItem {
  href: string;
  label: string;
  /** The item is current on this path and the paths below it. */
  prefix?: boolean;
  /** Other paths where the item is current. */
  also?: readonly string[];
  /** A count shown beside the label (hidden at 0), and its words for screen readers. */
  badge?: { count: number; label: string };
  testId: string;
}

function isCurrent(item: NavItem, pathname: string): boolean {
  if (item.also?.includes(pathname)) return true;
  return item.prefix ? pathname === item.href || pathname.startsWith(`${item.href}/`) : pathname === item.href;
}

function LanguageSwitcher() {
  const { t } = useTranslation();
  const id = useId();
  const language = useLanguage();
  const session = useSession();

  const change = (value: string) => {
    if (!isLanguage(value)) return;
    setLanguage(value);
    if (session.status === 'signed-in' && session.user.locale !== value) {
      // Saved to the profile too, so that the choice follows the account; the local choice stands even if
      // this fails (offline): it is only a preference.
      unwrap(api.PATCH('/api/auth/me', { body: { locale: value } })).then(updateUser, () => undefined);
    }
  };

  return (
    <div className="language-switcher">
      <label htmlFor={id} className="language-switcher__label">
        <span className="language-switcher__icon" aria-hidden="true" />
        <span className="language-switcher__text">{t('nav.language')}</span>
      </label>
      <select
        id={id}
        className="language-switcher__select"
        value={language}
        onChange={(event) => change(event.target.value)}
        data-testid="language-switcher"
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SiteHeader({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const user = session.status === 'signed-in' ? session.user : null;
  const unreadMessages = useInbox().unread ?? 0;

  // A member who never chose a language on this device gets the one of their profile (not stored here: only
  // a choice made on this device is).
  const userLocale = user?.locale;
  useEffect(() => {
    if (isLanguage(userLocale) && !storedLanguage()) setLanguage(userLocale, false);
  }, [userLocale]);

  const items: NavItem[] = [];
  if (user) {
    items.push({ href: '/', label: t('nav.myNetworks'), testId: 'nav-home' });
    items.push({
      href: '/threads',
      label: t('nav.messages'),
      prefix: true,
      also: ['/search'],
      badge: { count: unreadMessages, label: t('nav.unreadMessages', { count: unreadMessages }) },
      testId: 'nav-messages',
    });
    items.push({ href: '/meetings', label: t('nav.meetings'), prefix: true, testId: 'nav-meetings' });
    items.push({ href: '/directory', label: t('nav.directory'), prefix: true, testId: 'nav-directory' });
    if (user.role === 'secretariat')
      items.push({ href: '/helpdesk/queue', label: t('nav.helpdesk'), prefix: true, testId: 'nav-helpdesk' });
    else if (user.role === 'focal_point' || user.role === 'coordinator')
      items.push({ href: '/helpdesk', label: t('nav.helpdesk'), prefix: true, testId: 'nav-helpdesk' });
    if (user.role === 'coordinator')
      items.push({ href: '/coordination', label: t('nav.coordination'), testId: 'nav-coordination' });
    if (user.role === 'secretariat' || user.role === 'coordinator')
      items.push({ href: '/statistics', label: t('nav.statistics'), testId: 'nav-statistics' });
    if (user.role === 'admin' || user.role === 'secretariat') {
      items.push({ href: '/admin', label: t('nav.admin'), prefix: true, testId: 'nav-admin' });
    }
    items.push({ href: '/profile', label: t('nav.profile'), testId: 'nav-profile' });
  } else {
    items.push({ href: '/', label: t('nav.home'), testId: 'nav-home' });
  }

  // Following a link closes the menu (on a phone it covers the page).
  const closeOnLink = (event: MouseEvent<HTMLElement>) => {
    if ((event.target as HTMLElement).closest('a')) setOpen(false);
  };
  const closeOnEscape = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  const handleSignOut = async () => {
    if (signingOut) return;
    setSigningOut(true);
    await signOut();
    setSigningOut(false);
    setOpen(false);
    navigate('/sign-in', { replace: true });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header" onKeyDown={closeOnEscape}>
        <div className="container site-header__bar">
          <div className="site-header__brand">
            <p className="site-title">
              {/* Named by its visible text, then what it leads to (WCAG 2.5.3): no aria-label to override it. */}
              <Link className="site-title__link" href="/">
                <span className="site-title__mark" aria-hidden="true">
                  L
                </span>
                <span>{t('app.name')}</span>
                <span className="visually-hidden"> {t('app.homeLink')}</span>
              </Link>
            </p>
            {user && <ConnectionIndicator />}
          </div>
          <div className="site-header__actions">
            {user && <NotificationBell key={user.id} />}
            <button
              ref={buttonRef}
              type="button"
              className="menu-button"
              aria-expanded={open}
              aria-controls={menuId}
              onClick={() => setOpen((current) => !current)}
              data-testid="menu-button"
            >
              <span className="menu-button__icon" aria-hidden="true" />
              {t('nav.menu')}
            </button>
          </div>
          <div
            id={menuId}
            className={`site-menu${open ? ' site-menu--open' : ''}`}
            onClick={closeOnLink}
            data-testid="site-menu"
          >
            <nav className="site-nav" aria-label={t('nav.main')}>
              <ul className="site-nav__list">
                {items.map((item) => (
                  <li key={item.href}>
                    <Link
                      className="site-nav__link"
                      href={item.href}
                      aria-current={isCurrent(item, pathname) ? 'page' : undefined}
                      data-testid={item.testId}
                    >
                      {item.label}
                      {item.badge && (
                        <>
                          <span
                            className="nav-badge"
                            aria-hidden="true"
                            hidden={item.badge.count === 0}
                            data-testid={`${item.testId}-unread`}
                          >
                            {item.badge.count}
                          </span>
                          {item.badge.count > 0 && <span className="visually-hidden"> ({item.badge.label})</span>}
                        </>
                      )}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="site-menu__tools">
              <LanguageSwitcher />
              {user ? (
                <div className="site-account">
                  <span className="site-account__name" data-testid="header-user">
                    {user.displayName}
                  </span>
                  <button
                    type="button"
                    className="button button--on-brand"
                    onClick={() => void handleSignOut()}
                    aria-disabled={signingOut || undefined}
                    data-testid="sign-out"
                  >
                    {signingOut ? t('nav.signingOut') : t('nav.signOut')}
                  </button>
                </div>
              ) : (
                session.status === 'anonymous' &&
                pathname !== '/sign-in' && (
                  <Link className="button button--on-brand" href="/sign-in" data-testid="header-sign-in">
                    {t('nav.signIn')}
                  </Link>
                )
              )}
            </div>
          </div>
        </div>
      </header>
    </>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('app.networksIntro')}</p>
        <ul className="networks">
          <li>{t('app.networkIoc')}</li>
          <li>{t('app.networkSahel')}</li>
        </ul>
      </div>
    </footer>
  );
}
