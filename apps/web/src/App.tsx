import { type ReactNode, useEffect, useRef } from 'react';
import { EnrolPage } from './pages/EnrolPage';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';
import { Link, usePathname } from './router';
import { strings } from './strings';

interface Route {
  /** For the <title> element; null on the home page. */
  title: string | null;
  render: () => ReactNode;
}

const ROUTES: Readonly<Record<string, Route>> = {
  '/': { title: null, render: () => <HomePage /> },
  '/sign-in': { title: strings.signIn.title, render: () => <SignInPage /> },
  '/invitation': { title: strings.enrol.invitationTitle, render: () => <EnrolPage key="invitation" kind="invitation" /> },
  '/reset': { title: strings.enrol.resetTitle, render: () => <EnrolPage key="reset" kind="reset" /> },
};

function NotFound() {
  return (
    <section className="panel auth-panel" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading" className="page-title">
        {strings.app.notFoundTitle}
      </h1>
      <p>{strings.app.notFoundText}</p>
      <p>
        <Link href="/">{strings.app.backHome}</Link>
      </p>
    </section>
  );
}

function normalise(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

export function App() {
  const pathname = normalise(usePathname());
  const route = ROUTES[pathname];
  const home = pathname === '/';
  const mainRef = useRef<HTMLElement>(null);
  const firstPage = useRef(true);

  const title = route ? route.title : strings.app.notFoundTitle;
  useEffect(() => {
    document.title = title ? `${title}${strings.app.titleSuffix}` : strings.app.name;
  }, [title]);

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
      <a className="skip-link" href="#main">
        {strings.app.skipToContent}
      </a>

      <header className={`site-header${home ? '' : ' site-header--compact'}`}>
        <div className="container">
          {home ? (
            <h1 className="site-title">
              <span className="site-title__mark" aria-hidden="true">
                L
              </span>
              {strings.app.name}
            </h1>
          ) : (
            <p className="site-title">
              <Link className="site-title__link" href="/" aria-label={strings.app.homeLink}>
                <span className="site-title__mark" aria-hidden="true">
                  L
                </span>
                {strings.app.name}
              </Link>
            </p>
          )}
          {home && <p className="site-tagline">{strings.app.tagline}</p>}
        </div>
      </header>

      <main id="main" ref={mainRef} className="container main" tabIndex={-1}>
        {route ? route.render() : <NotFound />}
      </main>

      <footer className="site-footer">
        <div className="container">
          <p>{strings.app.networksIntro}</p>
          <ul className="networks">
            {strings.app.networks.map((network) => (
              <li key={network}>{network}</li>
            ))}
          </ul>
        </div>
      </footer>
    </>
  );
}
