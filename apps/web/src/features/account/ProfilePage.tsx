import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import {
  Alert,
  CheckboxField,
  type FieldErrors,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
  useFormSubmit,
} from '../../ui/forms';
import { Badge, LoadError, Loading, PageHeading } from '../../ui/ui';
import { describeUserAgent, formatDateTime, timeZones } from '../../format';
import { useResource, useViewerZone } from '../../hooks';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage, useLanguage } from '../../i18n';
import { kindLabel } from '../notifications/store';
import { updateUser, useSession } from '../../session';
import { roleLabel } from '../../vocabulary';
import { queryKeys } from '../../api/query-keys';

type Me = Answer<'/api/auth/me', 'get'>;
type Session = Answer<'/api/sessions', 'get'>[number];
type Preference = Answer<'/api/me/notification-preferences', 'get'>[number];

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const CODE = /^\d{6}$/;

function DetailsForm({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [locale, setLocale] = useState(isLanguage(me.locale) ? me.locale : 'en');
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [notice, setNotice] = useState('');
  const { formRef, errors, error, busy, submit: send, invalid } = useFormSubmit(['displayName', 'locale', 'timeZone']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice('');
    const name = displayName.trim();
    if (name.length < 2 || name.length > 80) {
      invalid({ displayName: t('profile.displayNameInvalid') });
      return;
    }
    void send(async () => {
      const saved = await unwrap(api.PATCH('/api/auth/me', { body: { displayName: name, locale, timeZone } }));
      onSaved(saved);
      if (isLanguage(saved.locale)) setLanguage(saved.locale);
      setNotice(t('profile.saved'));
    });
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
      {error && <Alert>{error}</Alert>}
      <TextField
        id={`${id}-name`}
        field="displayName"
        label={t('profile.displayName')}
        autoComplete="name"
        maxLength={80}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={errors.displayName}
        testId="profile-display-name"
      />
      <SelectField
        id={`${id}-locale`}
        field="locale"
        label={t('profile.language')}
        options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
        value={locale}
        onChange={(event) => isLanguage(event.target.value) && setLocale(event.target.value)}
        error={errors.locale}
        testId="profile-locale"
      />
      <SelectField
        id={`${id}-zone`}
        field="timeZone"
        label={t('profile.timeZone')}
        hint={t('profile.timeZoneHint')}
        options={timeZones(me.timeZone).map((zone) => ({ value: zone, label: zone }))}
        value={timeZone}
        onChange={(event) => setTimeZone(event.target.value)}
        error={errors.timeZone}
        testId="profile-time-zone"
      />
      <div className="form__actions">
        <SubmitButton busy={busy} label={t('common.save')} busyLabel={t('common.working')} testId="profile-save" />
      </div>
      <Notice>{notice}</Notice>
    </form>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const { resource, reload, update } = useResource(queryKeys.account.sessions(), (signal) =>
    unwrap(api.GET('/api/sessions', { signal })),
  );
  const [notice, setNotice] = useState('');
  const { error, busy, submit: send } = useFormSubmit([], { focus: false });

  const revoke = (session: Session) =>
    send(async () => {
      setNotice('');
      await unwrap(api.DELETE('/api/sessions/{id}', { params: { path: { id: session.id } } }));
      update((sessions) => sessions.filter((entry) => entry.id !== session.id));
      setNotice(t('profile.revoked'));
    });

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  return (
    <>
      <p className="muted">{t('profile.sessionsIntro')}</p>
      {error && <Alert>{error}</Alert>}
      <ul className="rows" data-testid="sessions">
        {resource.data.map((session) => (
          <li key={session.id} className="row">
            <div className="row__main">
              <p className="strong break" title={session.userAgent ?? undefined}>
                {session.userAgent ? describeUserAgent(session.userAgent) : t('profile.unknownDevice')}{' '}
                {session.current && <Badge tone="ok">{t('profile.thisDevice')}</Badge>}
              </p>
              <dl className="inline-facts">
                <div>
                  <dt>{t('profile.address')}</dt>
                  <dd dir="ltr">{session.ip ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('profile.started')}</dt>
                  <dd>{formatDateTime(session.createdAt, language, zone)}</dd>
                </div>
                <div>
                  <dt>{t('profile.lastUsed')}</dt>
                  <dd>{formatDateTime(session.lastUsedAt, language, zone)}</dd>
                </div>
                <div>
                  <dt>{t('profile.expires')}</dt>
                  <dd>{formatDateTime(session.expiresAt, language, zone)}</dd>
                </div>
              </dl>
            </div>
            {!session.current && (
              <button
                type="button"
                className="button"
                onClick={() => void revoke(session)}
                aria-disabled={busy || undefined}
              >
                {t('profile.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <Notice>{notice}</Notice>
    </>
  );
}

function EmailPreferencesForm({
  preferences,
  onSaved,
}: {
  preferences: Preference[];
  onSaved: (saved: Preference[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(preferences.map((entry) => [entry.kind, entry.email])),
  );
  const [notice, setNotice] = useState('');
  const { formRef, error, busy, submit: send } = useFormSubmit(['preferences']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice('');
    void send(async () => {
      const body = {
        preferences: preferences.map((entry) => ({ kind: entry.kind, email: email[entry.kind] ?? entry.email })),
      };
      const saved = await unwrap(api.PUT('/api/me/notification-preferences', { body }));
      onSaved(saved);
      setEmail(Object.fromEntries(saved.map((entry) => [entry.kind, entry.email])));
      setNotice(t('profile.emailSaved'));
    });
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy} data-testid="email-preferences">
      {error && <Alert>{error}</Alert>}
      <fieldset className="checkbox-group" aria-describedby={`${id}-hint`}>
        <legend className="field__label">{t('profile.emailChoices')}</legend>
        <p className="field__hint" id={`${id}-hint`}>
          {t('profile.emailIntro')}
        </p>
        <div className="checkbox-group__options">
          {preferences.map((entry) => (
            <CheckboxField
              key={entry.kind}
              id={`${id}-${entry.kind}`}
              field="preferences"
              label={kindLabel(entry.kind, t)}
              checked={email[entry.kind] ?? entry.email}
              onChange={(event) => setEmail({ ...email, [entry.kind]: event.target.checked })}
              testId={`email-preference-${entry.kind}`}
            />
          ))}
        </div>
      </fieldset>
      <div className="form__actions">
        <SubmitButton
          busy={busy}
          label={t('common.save')}
          busyLabel={t('common.working')}
          secondary
          testId="email-preferences-save"
        />
      </div>
      <Notice testId="email-preferences-notice">{notice}</Notice>
    </form>
  );
}

/** Which kinds of notification also come by e-mail (those the API offers a choice for). */
function EmailPreferences() {
  const { t } = useTranslation();
  const { resource, reload, update } = useResource(queryKeys.account.notificationPreferences(), (signal) =>
    unwrap(api.GET('/api/me/notification-preferences', { signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  if (resource.data.length === 0) return <p className="muted">{t('profile.emailNone')}</p>;
  return <EmailPreferencesForm preferences={resource.data} onSaved={(saved) => update(() => saved)} />;
}

/** Password and authenticator code: what the API asks before a sensitive change. */
function useReauthentication() {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  return { password, setPassword, code, setCode };
}

function RecoveryCodes({ me, onChanged }: { me: Me; onChanged: () => void }) {
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

function ChangePassword({ me }: { me: Me }) {
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

export function ProfilePage() {
  const { t } = useTranslation();
  const session = useSession();
  const { resource, reload, update } = useResource(queryKeys.account.me(), (signal) =>
    unwrap(api.GET('/api/auth/me', { signal })),
  );
  const role = session.status === 'signed-in' ? session.user.role : null;

  return (
    <>
      <PageHeading title={t('profile.title')} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <div className="layout">
          <div className="stack">
            <Section title={t('profile.details')} testId="profile-details">
              <dl className="facts">
                <div className="facts__item">
                  <dt>{t('profile.email')}</dt>
                  <dd>{resource.data.email}</dd>
                </div>
                <div className="facts__item">
                  <dt>{t('profile.role')}</dt>
                  <dd>{roleLabel(role, t)}</dd>
                </div>
              </dl>
              <DetailsForm
                key={session.status === 'signed-in' ? session.user.locale : ''}
                me={resource.data}
                onSaved={(saved) => {
                  update(() => saved);
                  updateUser(saved);
                }}
              />
            </Section>
            <Section title={t('profile.emailNotifications')} testId="profile-notifications">
              <EmailPreferences />
            </Section>
            <Section title={t('profile.sessions')} testId="profile-sessions">
              <Sessions />
            </Section>
          </div>
          <div className="stack">
            <Section title={t('profile.recovery')} testId="profile-recovery">
              <RecoveryCodes me={resource.data} onChanged={reload} />
            </Section>
            <Section title={t('profile.password')} testId="profile-password">
              <ChangePassword me={resource.data} />
            </Section>
          </div>
        </div>
      )}
    </>
  );
}
