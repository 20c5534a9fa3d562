import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { passwordLengthProblem } from '@liaison/contracts';
import { type Answer, publicApi, unwrap } from '../../api/client';
import { ApiError, type FieldProblem, messageOf } from '../../api/problem';
import { Alert, focusFirstInvalid, SubmitButton, TextField } from '../../ui/forms';
import { formatDateTime } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { currentLanguage, i18next } from '../../i18n';
import { forgetLinkToken, takeLinkToken } from '../../link-token';
import { Link, navigate } from '../../router';
import { establishSession } from '../../session';

export type EnrolKind = 'invitation' | 'reset';

type LinkPreview = Answer<'/api/invitations/preview', 'post'>;

interface AcceptBody {
  token: string;
  displayName?: string;
  password: string;
  totpCode: string;
}

function preview(kind: EnrolKind, token: string, signal: AbortSignal): Promise<LinkPreview> {
  return kind === 'invitation'
    ? unwrap(publicApi.POST('/api/invitations/preview', { body: { token }, signal }))
    : unwrap(publicApi.POST('/api/password-resets/preview', { body: { token }, signal }));
}

function accept(kind: EnrolKind, { displayName, ...body }: AcceptBody) {
  return kind === 'invitation'
    ? unwrap(publicApi.POST('/api/invitations/accept', { body: { ...body, displayName: displayName ?? '' } }))
    : unwrap(publicApi.POST('/api/password-resets/accept', { body }));
}

type Phase =
  | { kind: 'no-token' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; retry: boolean }
  | { kind: 'ready'; preview: LinkPreview }
  | { kind: 'done'; recoveryCodes: string[] };

type FieldName = 'displayName' | 'password' | 'passwordConfirm' | 'totpCode';
type Errors = Partial<Record<FieldName, string>>;
const API_FIELDS = ['displayName', 'password', 'totpCode'] as const;
type ApiField = (typeof API_FIELDS)[number];

function isApiField(field: string): field is ApiField {
  return (API_FIELDS as readonly string[]).includes(field);
}

/** "ABCD EFGH …": easier to read and to type by hand; the value itself has no spaces. */
function groupInFours(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/**
 * The API's field messages are in English: "must be at least 12 characters" for `password` reads "The
 * password must be at least 12 characters". In the other languages, the message follows the field's name.
 */
function fieldMessage(problem: FieldProblem, t: TFunction): string {
  const message = problem.message.startsWith(`${problem.field} `)
    ? problem.message.slice(problem.field.length + 1)
    : problem.message;
  if (!isApiField(problem.field)) return `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
  const subject = t(`enrol.subjects.${problem.field}`);
  return currentLanguage() === 'en' ? `${subject} ${message}` : t('common.field', { field: subject, message });
}

function linkFailure(error: unknown): Phase | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return { kind: 'failed', message: i18next.t('enrol.invalidLink'), retry: false };
  if (error.status === 410) return { kind: 'failed', message: error.userMessage, retry: false };
  return null;
}

export function EnrolPage({ kind }: { kind: EnrolKind }) {
  const { t } = useTranslation();
  const pathname = kind === 'invitation' ? '/invitation' : '/reset';
  const [token] = useState(() => takeLinkToken());
  const [phase, setPhase] = useState<Phase>(() => (token ? { kind: 'loading' } : { kind: 'no-token' }));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    preview(kind, token, controller.signal).then(
      (answer) => setPhase({ kind: 'ready', preview: answer }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setPhase(linkFailure(error) ?? { kind: 'failed', message: messageOf(error), retry: true });
      },
    );
    return () => controller.abort();
  }, [token, kind, attempt]);

  const title = kind === 'invitation' ? t('enrol.invitationTitle') : t('enrol.resetTitle');
  useDocumentTitle(phase.kind === 'done' ? t('enrol.recoveryTitle') : title);

  switch (phase.kind) {
    case 'no-token':
    case 'loading':
    case 'failed':
      return (
        <section className="panel auth-panel" aria-labelledby="enrol-heading">
          <h1 id="enrol-heading" className="page-title">
            {title}
          </h1>
          {phase.kind === 'loading' && (
            <p role="status" className="muted">
              {t('enrol.loading')}
            </p>
          )}
          {phase.kind === 'no-token' && <Alert testId="enrol-error">{t('enrol.noToken')}</Alert>}
          {phase.kind === 'failed' && <Alert testId="enrol-error">{phase.message}</Alert>}
          {phase.kind === 'failed' && phase.retry && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setPhase({ kind: 'loading' });
                setAttempt((n) => n + 1);
              }}
            >
              {t('common.retry')}
            </button>
          )}
          {phase.kind !== 'loading' && (
            <p>
              <Link href="/sign-in">{t('enrol.goToSignIn')}</Link>
            </p>
          )}
        </section>
      );
    case 'ready':
      return (
        <EnrolForm
          kind={kind}
          title={title}
          token={token ?? ''}
          preview={phase.preview}
          onLinkFailed={setPhase}
          onEnrolled={(recoveryCodes) => {
            forgetLinkToken(pathname);
            setPhase({ kind: 'done', recoveryCodes });
          }}
        />
      );
    case 'done':
      return <RecoveryCodes codes={phase.recoveryCodes} />;
  }
}

function EnrolForm({
  kind,
  title,
  token,
  preview,
  onLinkFailed,
  onEnrolled,
}: {
  kind: EnrolKind;
  title: string;
  token: string;
  preview: LinkPreview;
  onLinkFailed: (phase: Phase) => void;
  onEnrolled: (recoveryCodes: string[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const busyRef = useRef(false);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [passwordConfirm, setPasswordConfirm] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  const invitation = kind === 'invitation';
  const { secret, qrDataUrl, otpauthUrl } = preview.totp;

  const check = (): Errors => {
    const found: Errors = {};
    const name = displayName.trim();
    if (invitation && (name.length < 2 || name.length > 80)) found.displayName = t('enrol.displayNameInvalid');
    const length = passwordLengthProblem(password);
    if (length === 'too-short') found.password = t('enrol.passwordTooShort');
    else if (length === 'too-long') found.password = t('enrol.passwordTooLong');
    if (!found.password && passwordConfirm !== password) found.passwordConfirm = t('enrol.passwordMismatch');
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ''))) found.totpCode = t('enrol.codeInvalid');
    return found;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busyRef.current) return;
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError(t('common.fixErrors'));
      setFocusRequest((n) => n + 1);
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const body: AcceptBody = {
        token,
        ...(invitation ? { displayName: displayName.trim() } : {}),
        password,
        // The secret is the server's, bound to the link: only the code that proves it was scanned goes back.
        totpCode: code.replace(/\s+/g, ''),
      };
      const enrolled = await accept(kind, body);
      const { recoveryCodes, ...signedIn } = enrolled;
      establishSession(signedIn);
      onEnrolled(recoveryCodes);
      return;
    } catch (caught) {
      const failure = linkFailure(caught);
      if (failure) {
        onLinkFailed(failure);
        return;
      }
      const problems = caught instanceof ApiError ? (caught.problem.errors ?? []) : [];
      const mapped: Errors = {};
      const other: string[] = [];
      for (const problem of problems) {
        if (isApiField(problem.field)) mapped[problem.field] ??= fieldMessage(problem, t);
        else other.push(fieldMessage(problem, t));
      }
      if (mapped.totpCode) setCode('');
      setErrors(mapped);
      if (Object.keys(mapped).length > 0) {
        setError(other.length > 0 ? `${t('common.fixErrors')} ${other.join(' ')}` : t('common.fixErrors'));
        setFocusRequest((n) => n + 1);
      } else {
        setError(messageOf(caught));
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <section className="panel auth-panel auth-panel--wide" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`} className="page-title">
        {title}
      </h1>
      <p>{invitation ? t('enrol.invitedAs') : t('enrol.resetFor')}</p>
      <dl className="facts" data-testid="enrol-summary">
        <div className="facts__item">
          <dt>{t('enrol.emailLabel')}</dt>
          <dd data-testid="enrol-email">{preview.email}</dd>
        </div>
        {preview.role && (
          <div className="facts__item">
            <dt>{t('enrol.roleLabel')}</dt>
            <dd data-testid="enrol-role">{t(`roles.${preview.role}`)}</dd>
          </div>
        )}
        <div className="facts__item">
          <dt>{t('enrol.expiresLabel')}</dt>
          <dd>
            <time dateTime={preview.expiresAt}>{formatDateTime(preview.expiresAt, currentLanguage())}</time>
          </dd>
        </div>
      </dl>

      {error && <Alert testId="enrol-error">{error}</Alert>}

      <form ref={formRef} className="form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        {/* The account the new password belongs to, for password managers. */}
        <input type="email" name="username" autoComplete="username" value={preview.email} readOnly hidden />

        <fieldset className="form__group">
          <legend className="form__legend">{t('enrol.accountStep')}</legend>
          {invitation && (
            <TextField
              id={`${id}-display-name`}
              field="displayName"
              label={t('enrol.displayName')}
              hint={t('enrol.displayNameHint')}
              type="text"
              autoComplete="name"
              required
              maxLength={80}
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
              error={errors.displayName}
              testId="invite-display-name"
            />
          )}
          <TextField
            id={`${id}-password`}
            field="password"
            label={t('enrol.password')}
            hint={t('enrol.passwordHint')}
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            maxLength={128}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
            testId="invite-password"
          />
          <TextField
            id={`${id}-password-confirm`}
            field="passwordConfirm"
            label={t('enrol.passwordConfirm')}
            type="password"
            autoComplete="new-password"
            required
            maxLength={128}
            value={passwordConfirm}
            onChange={(event) => setPasswordConfirm(event.target.value)}
            error={errors.passwordConfirm}
            testId="invite-password-confirm"
          />
        </fieldset>

        <fieldset className="form__group">
          <legend className="form__legend">{t('enrol.authenticatorStep')}</legend>
          <p>{t('enrol.authenticatorIntro')}</p>
          <div className="totp">
            <img className="totp__qr" src={qrDataUrl} alt={t('enrol.qrAlt')} width={220} height={220} />
            <div className="totp__manual">
              <p id={`${id}-secret-intro`}>{t('enrol.secretIntro')}</p>
              <p className="totp__secret-row">
                <span className="visually-hidden">{t('enrol.secretLabel')}: </span>
                <code
                  className="totp__secret"
                  data-testid="totp-secret"
                  data-secret={secret}
                  aria-describedby={`${id}-secret-intro`}
                >
                  {groupInFours(secret)}
                </code>
              </p>
              <p>
                <a className="totp__open" href={otpauthUrl}>
                  {t('enrol.openInApp')}
                </a>
              </p>
            </div>
          </div>
          <TextField
            id={`${id}-code`}
            field="totpCode"
            label={t('enrol.code')}
            hint={t('enrol.codeHint')}
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            maxLength={7}
            className="input--code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={errors.totpCode}
            testId="invite-code"
          />
        </fieldset>

        <div className="form__actions">
          <SubmitButton
            busy={busy}
            label={invitation ? t('enrol.submitInvitation') : t('enrol.submitReset')}
            busyLabel={t('common.working')}
            testId="invite-submit"
          />
        </div>
      </form>
    </section>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The whole page changed: start reading (and tabbing) from the new heading.
  useEffect(() => {
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, []);

  return (
    <section className="panel auth-panel" aria-labelledby="recovery-heading">
      <h1 id="recovery-heading" className="page-title" tabIndex={-1} ref={headingRef}>
        {t('enrol.recoveryTitle')}
      </h1>
      <p>{t('enrol.recoveryIntro')}</p>
      <ul className="recovery-codes" data-testid="recovery-codes" aria-label={t('enrol.recoveryListLabel')}>
        {codes.map((code) => (
          <li key={code} className="recovery-codes__item">
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => navigate('/', { replace: true })}
          data-testid="recovery-codes-done"
        >
          {t('enrol.recoveryDone')}
        </button>
      </div>
    </section>
  );
}
