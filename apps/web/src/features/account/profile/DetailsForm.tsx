import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert, Notice, SelectField, SubmitButton, TextField, useFormSubmit } from '../../../ui/forms';
import { timeZones } from '../../../format';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage } from '../../../i18n';
import type { Me } from './types';

export function DetailsForm({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
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
