import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, messageOf } from '../api/problem';
import { formatDateTime } from '../format';
import { useDocumentTitle, useViewerZone } from '../hooks';
import { useLanguage } from '../i18n';
import { Link, usePathname, withQuery } from '../router';
import { Alert } from './forms';

/** The one h1 of a page, with its `<title>` (`documentTitle: null` for the app's name alone). */
export function PageHeading({
  title,
  documentTitle,
  children,
  testId,
}: {
  title: string;
  documentTitle?: string | null;
  children?: ReactNode;
  testId?: string;
}) {
  useDocumentTitle(documentTitle === undefined ? title : documentTitle);
  return (
    <div className="page-heading">
      <h1 className="page-title" data-testid={testId}>
        {title}
      </h1>
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="muted loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

/** A failed load: the problem, and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="load-error">
      <Alert testId="load-error">{messageOf(error)}</Alert>
      {onRetry && !(error instanceof ApiError && (error.status === 403 || error.status === 404)) && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function Badge({
  children,
  tone = 'neutral',
  testId,
}: {
  children: ReactNode;
  tone?: 'neutral' | 'demo' | 'ok' | 'warn' | 'bad';
  testId?: string;
}) {
  return (
    <span className={`badge badge--${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="demo" testId="demo-badge">
      {t('common.demo')}
    </Badge>
  );
}

/** A link or secret shown once (invitation, reset link): readable, selectable, and one click to copy. */
export function OnceSecret({
  label,
  value,
  expiresAt,
  testId,
}: {
  label: string;
  value: string;
  expiresAt?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="once-secret" data-testid={testId}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('common.shownOnce')}
        {expiresAt ? ` ${t('common.validUntil', { date: formatDateTime(expiresAt, language, zone) })}` : ''}
      </p>
      <div className="once-secret__row">
        <input
          id={id}
          className="input input--mono"
          readOnly
          value={value}
          dir="ltr"
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.target.select()}
          data-testid={testId ? `${testId}-value` : undefined}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes' ? t('common.copied') : copied === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="panel narrow-panel" data-testid="not-found">
      <PageHeading title={t('errors.notFoundTitle')} />
      <p>{t('errors.notFoundText')}</p>
      <p>
        <Link href="/">{t('errors.backHome')}</Link>
      </p>
    </section>
  );
}

export function ForbiddenPage({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel narrow-panel" data-testid="forbidden">
      <PageHeading title={title} />
      <Alert>{t('errors.forbidden')}</Alert>
      <p>
        <Link href="/">{t('errors.backHome')}</Link>
      </p>
    </section>
  );
}

export function SignInRequired() {
  const { t } = useTranslation();
  const pathname = usePathname();
  return (
    <section className="panel narrow-panel" data-testid="sign-in-required">
      <PageHeading title={t('errors.signInTitle')} />
      <p>{t('errors.signInText')}</p>
      <p>
        <Link
          className="button button--primary"
          href={withQuery('/sign-in', { next: `${pathname}${window.location.search}` })}
        >
          {t('nav.signIn')}
        </Link>
      </p>
    </section>
  );
}

/** A definition list row that says "Not provided" rather than nothing. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty =
    children === null ||
    children === undefined ||
    children === '' ||
    (Array.isArray(children) && children.length === 0);
  return (
    <div className="facts__item">
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">{t('common.notProvided')}</span> : children}</dd>
    </div>
  );
}
