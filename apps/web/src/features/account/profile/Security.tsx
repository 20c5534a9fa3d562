import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert, type FieldErrors, Notice, SubmitButton, TextField, useFormSubmit } from '../../../ui/forms';
import type { Me } from './types';

/** An authenticator code: six digits. */
const CODE = /^\d{6}$/;

/** Password and authenticator code: what the API asks before a sensitive change. */
function useReauthentication() {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  return { password, setPassword, code, setCode };
}

export function RecoveryCodes({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const reauth = useReauthentication();
  const [codes, setCodes] = useState<string[] | null>(null);
  const {
    formRef,
    errors,
    error,
    busy,
    submit: send,
    invalid,
  } = useFormSubmit(['password', 'code'], { focus: false, onError: () => reauth.setCode('') });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!reauth.password) found.password = t('profile.passwordRequired');
    if (!CODE.test(reauth.code.trim())) found.code = t('signIn.codeInvalid');
    if (Object.keys(found).length > 0) {
      invalid(found);
      return;
    }
    void send(async () => {
      const answer = await unwrap(
        api.POST('/api/auth/recovery-codes', { body: { password: reauth.password, code: reauth.code.trim() } }),
      );
      setCodes(answer.recoveryCodes);
      reauth.setPassword('');
      reauth.setCode('');
      onChanged();
    });
  };

  return (
    <>
      <p data-testid="recovery-left">{t('profile.recoveryLeft', { count: me.recoveryCodesRemaining })}</p>
      {codes && (
        <div className="once-secret" data-testid="new-recovery-codes">
          <h3>{t('profile.newCodes')}</h3>
          <p className="muted">{t('profile.newCodesIntro')}</p>
          <ul className="recovery-codes" aria-label={t('profile.newCodes')}>
            {codes.map((code) => (
              <li key={code} className="recovery-codes__item">
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted">{t('profile.recoveryIntro')}</p>
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        {error && <Alert>{error}</Alert>}
        <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
        <TextField
          id={`${id}-password`}
          field="password"
          type="password"
          autoComplete="current-password"
          label={t('profile.password')}
          value={reauth.password}
          onChange={(event) => reauth.setPassword(event.target.value)}
          error={errors.password}
        />
        <TextField
          id={`${id}-code`}
          field="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          className="input--code"
          label={t('profile.code')}
          value={reauth.code}
          onChange={(event) => reauth.setCode(event.target.value)}
          error={errors.code}
        />
        <div className="form__actions">
          <SubmitButton busy={busy} label={t('profile.regenerate')} busyLabel={t('common.working')} secondary />
        </div>
      </form>
    </>
  );
}

export function ChangePassword({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = useId();
  const reauth = useReauthentication();
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [notice, setNotice] = useState('');
  const {
    formRef,
    errors,
    error,
    busy,
    submit: send,
    invalid,
  } = useFormSubmit(['currentPassword', 'code', 'newPassword'], { onError: () => reauth.setCode('') });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice('');
    const found: FieldErrors = {};
    if (!reauth.password) found.currentPassword = t('profile.passwordRequired');
    if (!CODE.test(reauth.code.trim())) found.code = t('signIn.codeInvalid');
    if (newPassword.length < 12) found.newPassword = t('enrol.passwordTooShort');
    else if (newPassword.length > 128) found.newPassword = t('enrol.passwordTooLong');
    else if (confirm !== newPassword) found.confirm = t('enrol.passwordMismatch');
    if (Object.keys(found).length > 0) {
      invalid(found);
      return;
    }
    void send(async () => {
      await unwrap(
        api.POST('/api/auth/password', {
          body: { currentPassword: reauth.password, code: reauth.code.trim(), newPassword },
        }),
      );
      reauth.setPassword('');
      reauth.setCode('');
      setNewPassword('');
      setConfirm('');
      setNotice(t('profile.passwordChanged'));
    });
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
      {error && <Alert>{error}</Alert>}
      <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
      <TextField
        id={`${id}-current`}
        field="currentPassword"
        type="password"
        autoComplete="current-password"
        label={t('profile.currentPassword')}
        value={reauth.password}
        onChange={(event) => reauth.setPassword(event.target.value)}
        error={errors.currentPassword}
      />
      <TextField
        id={`${id}-code`}
        field="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        className="input--code"
        label={t('profile.code')}
        value={reauth.code}
        onChange={(event) => reauth.setCode(event.target.value)}
        error={errors.code}
      />
      <TextField
        id={`${id}-new`}
        field="newPassword"
        type="password"
        autoComplete="new-password"
        label={t('profile.newPassword')}
        hint={t('enrol.passwordHint')}
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value)}
        error={errors.newPassword}
      />
      <TextField
        id={`${id}-confirm`}
        field="confirm"
        type="password"
        autoComplete="new-password"
        label={t('profile.confirmPassword')}
        value={confirm}
        onChange={(event) => setConfirm(event.target.value)}
        error={errors.confirm}
      />
      <div className="form__actions">
        <SubmitButton busy={busy} label={t('profile.changePassword')} busyLabel={t('common.working')} secondary />
      </div>
      <Notice>{notice}</Notice>
    </form>
  );
}
