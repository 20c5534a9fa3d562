import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, apiPost, type FieldProblem, messageOf } from '../api';
import { Alert, FieldError, focusFirstInvalid, SubmitButton, TextField } from '../components/forms';
import { forgetLinkToken, takeLinkToken } from '../link-token';
import { Link, navigate } from '../router';
import { establishSession, type SignedIn } from '../session';
import { roleLabel, strings } from '../strings';

const t = strings.enrol;

export type EnrolKind = 'invitation' | 'reset';

interface LinkPreview {
  kind: EnrolKind;
  email: string;
  role: string | null;
  expiresAt: string;
  totp: { secret: string; otpauthUrl: string; qrDataUrl: string };
}

type Enrolled = SignedIn & { recoveryCodes: string[] };

type Phase =
  | { kind: 'no-token' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; retry: boolean }
  | { kind: 'ready'; preview: LinkPreview }
  | { kind: 'done'; recoveryCodes: string[] };

type FieldName = 'displayName' | 'password' | 'passwordConfirm' | 'totpSecret' | 'totpCode';
type Errors = Partial<Record<FieldName, string>>;
const API_FIELDS: readonly string[] = ['displayName', 'password', 'totpSecret', 'totpCode'];

const ENDPOINTS: Record<EnrolKind, { preview: string; accept: string }> = {
  invitation: { preview: '/api/invitations/preview', accept: '/api/invitations/accept' },
  reset: { preview: '/api/password-resets/preview', accept: '/api/password-resets/accept' },
};

/** "ABCD EFGH …": easier to read and to type by hand; the value itself has no spaces. */
function groupInFours(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** The API's "must be at least 12 characters" for `password` reads "The password must be at least 12 characters". */
function fieldMessage(problem: FieldProblem): string {
  const message = problem.message.startsWith(`${problem.field} `) ? problem.message.slice(problem.field.length + 1) : problem.message;
  const subject = t.fieldSubjects[problem.field];
  return subject ? `${subject} ${message}` : `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
}

function linkFailure(error: unknown): Phase | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return { kind: 'failed', message: t.invalidLink, retry: false };
  if (error.status === 410) return { kind: 'failed', message: error.userMessage, retry: false };
  return null;
}

function formatDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'long', timeStyle: 'short' });
}

export function EnrolPage({ kind }: { kind: EnrolKind }) {
  const pathname = kind === 'invitation' ? '/invitation' : '/reset';
  const [token] = useState(() => takeLinkToken());
  const [phase, setPhase] = useState<Phase>(() => (token ? { kind: 'loading' } : { kind: 'no-token' }));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    apiPost<LinkPreview>(ENDPOINTS[kind].preview, { token }, { signal: controller.signal }).then(
      (preview) => setPhase({ kind: 'ready', preview }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setPhase(linkFailure(error) ?? { kind: 'failed', message: messageOf(error), retry: true });
      },
    );
    return () => controller.abort();
  }, [token, kind, attempt]);

  const title = kind === 'invitation' ? t.invitationTitle : t.resetTitle;

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
              {t.loading}
            </p>
          )}
          {phase.kind === 'no-token' && <Alert testId="enrol-error">{t.noToken}</Alert>}
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
              {t.tryAgain}
            </button>
          )}
          {phase.kind !== 'loading' && (
            <p>
              <Link href="/sign-in">{t.goToSignIn}</Link>
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
    if (invitation && (name.length < 2 || name.length > 120)) found.displayName = t.displayNameInvalid;
    if (password.length < 12) found.password = t.passwordTooShort;
    else if (password.length > 128) found.password = t.passwordTooLong;
    if (!found.password && passwordConfirm !== password) found.passwordConfirm = t.passwordMismatch;
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ''))) found.totpCode = t.codeInvalid;
    return found;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busyRef.current) return;
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError(t.fixErrors);
      setFocusRequest((n) => n + 1);
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const body = {
        token,
        ...(invitation ? { displayName: displayName.trim() } : {}),
        password,
        totpSecret: secret,
        totpCode: code.replace(/\s+/g, ''),
      };
      const enrolled = await apiPost<Enrolled>(ENDPOINTS[kind].accept, body);
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
        if (API_FIELDS.includes(problem.field)) mapped[problem.field as FieldName] ??= fieldMessage(problem);
        else other.push(fieldMessage(problem));
      }
      if (mapped.totpCode) setCode('');
      setErrors(mapped);
      if (Object.keys(mapped).length > 0) {
        setError(other.length > 0 ? `${t.fixErrors} ${other.join(' ')}` : t.fixErrors);
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
      <p>{invitation ? t.invitedAs : t.resetFor}</p>
      <dl className="facts" data-testid="enrol-summary">
        <div className="facts__item">
          <dt>{t.emailLabel}</dt>
          <dd data-testid="enrol-email">{preview.email}</dd>
        </div>
        {preview.role && (
          <div className="facts__item">
            <dt>{t.roleLabel}</dt>
            <dd data-testid="enrol-role">{roleLabel(preview.role)}</dd>
          </div>
        )}
        <div className="facts__item">
          <dt>{t.expiresLabel}</dt>
          <dd>
            <time dateTime={preview.expiresAt}>{formatDate(preview.expiresAt)}</time>
          </dd>
        </div>
      </dl>

      {error && <Alert testId="enrol-error">{error}</Alert>}

      <form ref={formRef} className="form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        {/* The account the new password belongs to, for password managers. */}
        <input type="email" name="username" autoComplete="username" value={preview.email} readOnly hidden />

        <fieldset className="form__group">
          <legend className="form__legend">{t.accountStep}</legend>
          {invitation && (
            <TextField
              id={`${id}-display-name`}
              field="displayName"
              label={t.displayName}
              hint={t.displayNameHint}
              type="text"
              autoComplete="name"
              required
              maxLength={120}
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
              error={errors.displayName}
              testId="invite-display-name"
            />
          )}
          <TextField
            id={`${id}-password`}
            field="password"
            label={t.password}
            hint={t.passwordHint}
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
            label={t.passwordConfirm}
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
          <legend className="form__legend">{t.authenticatorStep}</legend>
          <p>{t.authenticatorIntro}</p>
          <div className="totp">
            <img className="totp__qr" src={qrDataUrl} alt={t.qrAlt} width={220} height={220} />
            <div className="totp__manual">
              <p id={`${id}-secret-intro`}>{t.secretIntro}</p>
              <p className="totp__secret-row">
                <span className="visually-hidden">{t.secretLabel}: </span>
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
                  {t.openInApp}
                </a>
              </p>
              {errors.totpSecret && <FieldError field="totpSecret" message={errors.totpSecret} />}
            </div>
          </div>
          <TextField
            id={`${id}-code`}
            field="totpCode"
            label={t.code}
            hint={t.codeHint}
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
            label={invitation ? t.submitInvitation : t.submitReset}
            busyLabel={t.working}
            testId="invite-submit"
          />
        </div>
      </form>
    </section>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The whole page changed: start reading (and tabbing) from the new heading.
  useEffect(() => {
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, []);

  return (
    <section className="panel auth-panel" aria-labelledby="recovery-heading">
      <h1 id="recovery-heading" className="page-title" tabIndex={-1} ref={headingRef}>
        {t.recoveryTitle}
      </h1>
      <p>{t.recoveryIntro}</p>
      <ul className="recovery-codes" data-testid="recovery-codes" aria-label={t.recoveryListLabel}>
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
          {t.recoveryDone}
        </button>
      </div>
    </section>
  );
}
