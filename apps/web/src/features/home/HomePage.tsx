import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../api/client';
import { Badge, DemoBadge, LoadError, Loading, PageHeading } from '../../ui/ui';
import { useQueryResource } from '../../hooks';
import { Link, navigate, withQuery } from '../../router';
import { type User, useSession } from '../../session';
import { StatusPanel } from '../../StatusPanel';
import { myNetworksQuery } from '../../api/queries';

type Network = Answer<'/api/networks/mine', 'get'>[number];

const FEATURES = ['threads', 'helpdesk', 'meetings', 'directory'] as const;

function Welcome() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('home.heroTitle')} documentTitle={null}>
        <p className="page-lead">{t('app.tagline')}</p>
      </PageHeading>
      <div className="layout">
        <section className="panel intro" aria-labelledby="intro-heading">
          <p className="notice">{t('home.notice')}</p>
          <h2 id="intro-heading">{t('home.introHeading')}</h2>
          <p>{t('home.introText')}</p>
          <ul className="features">
            {FEATURES.map((feature) => (
              <li key={feature} className="feature">
                <h3 className="feature__title">{t(`home.features.${feature}.title`)}</h3>
                <p className="feature__text">{t(`home.features.${feature}.text`)}</p>
              </li>
            ))}
          </ul>
          <div className="intro__sign-in">
            <p>{t('home.signInPrompt')}</p>
            <Link className="button button--primary" href="/sign-in" data-testid="home-sign-in">
              {t('home.signIn')}
            </Link>
          </div>
        </section>
        <StatusPanel />
      </div>
    </>
  );
}

function QuickSearch() {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(withQuery('/directory', { q: q.trim() }));
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('home.searchHeading')}</h2>
      <form className="inline-form" role="search" onSubmit={submit}>
        <div className="field inline-form__grow">
          <label className="field__label" htmlFor={`${id}-q`}>
            {t('home.searchLabel')}
          </label>
          <input
            id={`${id}-q`}
            className="input"
            type="search"
            name="q"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            data-testid="home-search"
          />
        </div>
        <button type="submit" className="button button--primary" data-testid="home-search-submit">
          {t('home.searchButton')}
        </button>
      </form>
    </section>
  );
}

function NetworkCard({ network }: { network: Network }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <li className="card" aria-labelledby={headingId} data-testid="network-card">
      <div className="card__head">
        <h3 id={headingId} className="card__title">
          {network.name}
        </h3>
        {network.demo && <DemoBadge />}
      </div>
      {network.description && <p className="muted">{network.description}</p>}
      <dl className="card__facts">
        <div>
          <dt>{t('home.memberStates')}</dt>
          <dd>{network.memberStates.map((state) => state.name).join(', ') || t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('home.coordinators')}</dt>
          <dd>{network.coordinators.map((coordinator) => coordinator.displayName).join(', ') || t('common.none')}</dd>
        </div>
      </dl>
      <p className="card__foot">
        <Badge>{t('home.memberCount', { count: network.memberCount })}</Badge>
        <Link href={withQuery('/directory', { network: network.id })}>
          {t('home.browseNetwork', { name: network.name })}
        </Link>
      </p>
    </li>
  );
}

function MyNetworks() {
  const { t } = useTranslation();
  const { resource, reload } = useQueryResource(myNetworksQuery());
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  if (resource.data.length === 0) return <p className="muted">{t('home.noNetworks')}</p>;
  return (
    <ul className="cards" data-testid="my-networks">
      {resource.data.map((network) => (
        <NetworkCard key={network.id} network={network} />
      ))}
    </ul>
  );
}

function Account({ user }: { user: User }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel account" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('home.accountHeading')}</h2>
      <p className="account__who" data-testid="signed-in-as">
        {t('nav.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}
      </p>
      <p className="muted">{user.email}</p>
      <p>
        <Link href="/profile">{t('nav.profile')}</Link>
      </p>
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.status === 'restoring') {
    return (
      <>
        <PageHeading title={t('home.title')} documentTitle={null} />
        <Loading label={t('home.checkingSession')} />
      </>
    );
  }
  if (session.status === 'anonymous') return <Welcome />;
  return (
    <>
      <PageHeading title={t('home.myNetworks')} documentTitle={null} />
      <div className="layout">
        <div className="stack">
          <QuickSearch />
          <section aria-label={t('home.myNetworks')}>
            <MyNetworks />
          </section>
        </div>
        <div className="stack">
          <Account user={session.user} />
          <StatusPanel />
        </div>
      </div>
    </>
  );
}
