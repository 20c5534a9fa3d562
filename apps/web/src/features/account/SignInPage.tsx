import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../api/problem';
import { Alert, focusFirstInvalid, SubmitButton, TextField } from '../../ui/forms';
import { useDocumentTitle } from '../../hooks';
import { navigate, safeNext } from '../../router';
import { completeSignIn, startSignIn, useSession } from '../../session';

type Step = { kind: 'password' } | { kind: 'code'; mfaToken: string };
type Errors = Partial<Record<'email' | 'password' | 'code', string>>;

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const busyRef = useRef(false);

  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Errors>({});
  const [focusRequest, setFocusRequest] = useState(0);

  // Already signed in (or the session was just restored, or just opened here): go on to the page that asked
  // for it, or home.
  useEffect(() => {
    if (session.status === 'signed-in')
      navigate(safeNext(new URLSearchParams(window.location.search).get('next')) ?? '/', { replace: true });
  }, [session.status]);

  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  const run = async (task: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const submitPassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Errors = {};
    if (!email.trim()) errors.email = t('signIn.emailRequired');
    if (!password) errors.password = t('signIn.passwordRequired');
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setError(null);
      setFocusRequest((n) => n + 1);
      return;
    }
    void run(async () => {
      let started;
      try {
        started = await startSignIn(email.trim(), password);
      } catch (caught) {
        setPassword('');
        throw caught;
      }
      setPassword('');
      setCode('');
      setUseRecovery(false);
      setStep({ kind: 'code', mfaToken: started.mfaToken });
    });
  };

  const submitCode = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (step.kind !== 'code') return;
    const value = useRecovery ? code.trim() : code.replace(/\s+/g, '');
    const invalid = useRecovery ? value.length < 16 || value.length > 40 : !/^\d{6}$/.test(value);
    if (invalid) {
      setFieldErrors({ code: useRecovery ? t('signIn.recoveryRequired') : t('signIn.codeInvalid') });
      setError(null);
      setFocusRequest((n) => n + 1);
      return;
    }
    setFieldErrors({});
    void run(async () => {
      try {
        await completeSignIn(step.mfaToken, useRecovery ? { recoveryCode: value } : { code: value });
      } catch (caught) {
        setCode('');
        throw caught;
      }
    });
  };

  const toggleRecovery = () => {
    setUseRecovery((current) => !current);
    setCode('');
    setFieldErrors({});
    setError(null);
    // The field is keyed on the mode, so the new one mounts and takes the focus (autoFocus).
  };

  const startAgain = () => {
    setStep({ kind: 'password' });
    setCode('');
    setFieldErrors({});
    setError(null);
  };

  useDocumentTitle(step.kind === 'password' ? t('signIn.title') : t('signIn.codeTitle'));

  if (step.kind === 'password') {
    return (
      <section className="panel auth-panel" aria-labelledby={`${id}-heading`}>
        <h1 id={`${id}-heading`} className="page-title">
          {t('signIn.title')}
        </h1>
        <p>{t('signIn.intro')}</p>
        {session.status === 'anonymous' && session.ended && !error && (
          <Alert testId="sign-in-ended">{t(`signIn.ended.${session.ended}`)}</Alert>
        )}
        {error && <Alert testId="sign-in-error">{error}</Alert>}
        <form ref={formRef} className="form" onSubmit={submitPassword} noValidate aria-busy={busy}>
          <TextField
            id={`${id}-email`}
            field="email"
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            required
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldErrors.email}
            testId="sign-in-email"
          />
          <TextField
            id={`${id}-password`}
            field="password"
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={fieldErrors.password}
            testId="sign-in-password"
          />
          <div className="form__actions">
            <SubmitButton
              busy={busy}
              label={t('signIn.submit')}
              busyLabel={t('common.working')}
              testId="sign-in-submit"
            />
          </div>
        </form>
        <p className="muted">{t('signIn.noAccount')}</p>
      </section>
    );
  }

  return (
    <section className="panel auth-panel" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`} className="page-title">
        {t('signIn.codeTitle')}
      </h1>
      <p>{useRecovery ? t('signIn.recoveryIntro') : t('signIn.codeIntro')}</p>
      {error && <Alert testId="sign-in-error">{error}</Alert>}
      <form ref={formRef} className="form" onSubmit={submitCode} noValidate aria-busy={busy}>
        {/* Tells password managers which account the code belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField
          key={useRecovery ? 'recovery' : 'totp'}
          id={`${id}-code`}
          field="code"
          label={useRecovery ? t('signIn.recoveryCode') : t('signIn.code')}
          hint={useRecovery ? undefined : t('signIn.codeHint')}
          type="text"
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoComplete={useRecovery ? 'off' : 'one-time-code'}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={useRecovery ? 40 : 7}
          className={useRecovery ? 'input--code input--recovery' : 'input--code'}
          autoFocus
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={fieldErrors.code}
          testId="sign-in-code"
        />
        <p>
          <button type="button" className="link-button" onClick={toggleRecovery} data-testid="sign-in-recovery-toggle">
            {useRecovery ? t('signIn.useAuthenticator') : t('signIn.useRecoveryCode')}
          </button>
        </p>
        <div className="form__actions">
          <SubmitButton
            busy={busy}
            label={t('signIn.verify')}
            busyLabel={t('common.working')}
            testId="sign-in-submit"
          />
          <button type="button" className="link-button" onClick={startAgain}>
            {t('signIn.startAgain')}
          </button>
        </div>
      </form>
    </section>
  );
}
