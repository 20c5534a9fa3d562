import { useId, useRef, useState } from 'react';
import { StatusPanel } from '../StatusPanel';
import { Link, navigate } from '../router';
import { signOut, type User, useSession } from '../session';
import { roleLabel, strings } from '../strings';

const t = strings.home;

function Intro() {
  return (
    <section className="panel intro" aria-labelledby="intro-heading">
      <p className="notice">{t.notice}</p>
      <h2 id="intro-heading">{t.introHeading}</h2>
      <p>{t.introText}</p>
      <ul className="features">
        {t.features.map((feature) => (
          <li key={feature.title} className="feature">
            <h3 className="feature__title">{feature.title}</h3>
            <p className="feature__text">{feature.text}</p>
          </li>
        ))}
      </ul>
      <div className="intro__sign-in">
        <p>{t.signInPrompt}</p>
        <Link className="button button--primary" href="/sign-in" data-testid="home-sign-in">
          {t.signIn}
        </Link>
      </div>
    </section>
  );
}

function Account({ user }: { user: User }) {
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const handleSignOut = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    await signOut();
    navigate('/sign-in', { replace: true });
  };

  return (
    <section className="panel account" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.accountHeading}</h2>
      <p className="account__who" data-testid="signed-in-as">
        {t.signedInAs(user.displayName, roleLabel(user.role))}
      </p>
      <p className="muted">{user.email}</p>
      <button
        type="button"
        className="button"
        onClick={() => void handleSignOut()}
        aria-disabled={busy || undefined}
        data-testid="sign-out"
      >
        {busy ? t.signingOut : t.signOut}
      </button>
    </section>
  );
}

export function HomePage() {
  const session = useSession();
  return (
    <div className="layout">
      {session.status === 'signed-in' ? (
        <Account user={session.user} />
      ) : session.status === 'restoring' ? (
        <section className="panel" aria-busy="true">
          <p role="status" className="muted">
            {t.checkingSession}
          </p>
        </section>
      ) : (
        <Intro />
      )}
      <StatusPanel />
    </div>
  );
}
