import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert, CheckboxField, Notice, SubmitButton, useFormSubmit } from '../../../ui/forms';
import { LoadError, Loading } from '../../../ui/ui';
import { useResource } from '../../../hooks';
import { kindLabel } from '../../notifications/store';
import { queryKeys } from '../../../api/query-keys';
import type { Preference } from './types';

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
export function EmailPreferences() {
  const { t } = useTranslation();
  const { resource, reload, update } = useResource(queryKeys.account.notificationPreferences(), (signal) =>
    unwrap(api.GET('/api/me/notification-preferences', { signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  if (resource.data.length === 0) return <p className="muted">{t('profile.emailNone')}</p>;
  return <EmailPreferencesForm preferences={resource.data} onSaved={(saved) => update(() => saved)} />;
}
