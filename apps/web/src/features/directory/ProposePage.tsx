import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, type Payload, unwrap } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { useResource } from '../../hooks';
import { Link, navigate } from '../../router';
import {
  Alert,
  CheckboxField,
  CheckboxGroup,
  SubmitButton,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../ui/forms';
import { isNotFound, LoadError, Loading, NotFoundPage, PageHeading } from '../../ui/ui';
import { type Category, type Channel, categoryOptions, channelOptions } from '../../vocabulary';
import { fieldLabel, hoursText, parseHours } from './editing';

type AuthorityDetail = Answer<'/api/authorities/{id}', 'get'>;
type Proposal = Payload<'/api/authorities/{id}/proposals', 'post'>;

const CONTACT = ['address', 'phone', 'fax', 'email', 'website'] as const;
const FIELDS = [
  'name',
  'categories',
  'officeHours',
  'timeZone',
  'languages',
  'documentsRequired',
  'channels',
  'acceptsInterpol',
  'urgentProcedure',
  'remarks',
  'contact',
] as const;

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The proposal form, prefilled from the record: the API keeps only the fields that differ. */
function ProposeForm({ authority }: { authority: AuthorityDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(authority.name);
  const [categories, setCategories] = useState<string[]>(authority.categories);
  const [hours, setHours] = useState(hoursText(authority.officeHours));
  const [timeZone, setTimeZone] = useState(authority.timeZone);
  const [languages, setLanguages] = useState(authority.languages.join(', '));
  const [documents, setDocuments] = useState(authority.documentsRequired.join('\n'));
  const [channels, setChannels] = useState<string[]>(authority.channels);
  const [interpol, setInterpol] = useState(authority.acceptsInterpol);
  const [urgent, setUrgent] = useState(authority.urgentProcedure ?? '');
  const [remarks, setRemarks] = useState(authority.remarks ?? '');
  const [contact, setContact] = useState<Record<string, string>>(
    Object.fromEntries(CONTACT.map((field) => [field, authority.contact[field] ?? ''])),
  );
  const paths = [...FIELDS, ...CONTACT.map((field) => `contact.${field}`)];
  const { formRef, errors, error, busy, submit, invalid } = useFormSubmit(paths, { fixErrors: true });

  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const officeHours = parseHours(hours);
    if (!officeHours) {
      invalid({ officeHours: t('editing.hoursHint') });
      return;
    }
    const body = {
      name: name.trim(),
      categories: categories as Category[],
      officeHours,
      timeZone: timeZone.trim(),
      languages: languages
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
      documentsRequired: lines(documents),
      channels: channels as Channel[],
      acceptsInterpol: interpol,
      urgentProcedure: urgent.trim() || null,
      remarks: remarks.trim() || null,
      contact: Object.fromEntries(
        CONTACT.filter((field) => contact[field].trim()).map((field) => [field, contact[field].trim()]),
      ),
    } as Proposal;
    void submit(async () => {
      const filed = await unwrap(
        api.POST('/api/authorities/{id}/proposals', { params: { path: { id: authority.id } }, body }),
      );
      navigate(`/directory/proposals/${filed.id}`);
    });
  };

  return (
    <form ref={formRef} className="form" onSubmit={send} noValidate aria-busy={busy} data-testid="propose-form">
      {error && <Alert>{error}</Alert>}
      <TextField
        id={`${id}-name`}
        field="name"
        label={fieldLabel('name', t)}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
      />
      <CheckboxGroup
        id={`${id}-categories`}
        field="categories"
        legend={fieldLabel('categories', t)}
        options={categoryOptions(t)}
        value={categories}
        onChange={setCategories}
        error={errors.categories}
      />
      <TextAreaField
        id={`${id}-hours`}
        field="officeHours"
        label={fieldLabel('officeHours', t)}
        hint={t('editing.hoursHint')}
        value={hours}
        dir="ltr"
        onChange={(event) => setHours(event.target.value)}
        error={errors.officeHours}
      />
      <TextField
        id={`${id}-zone`}
        field="timeZone"
        label={fieldLabel('timeZone', t)}
        value={timeZone}
        dir="ltr"
        onChange={(event) => setTimeZone(event.target.value)}
        error={errors.timeZone}
      />
      <TextField
        id={`${id}-languages`}
        field="languages"
        label={fieldLabel('languages', t)}
        hint={t('editing.commaHint')}
        value={languages}
        dir="ltr"
        onChange={(event) => setLanguages(event.target.value)}
        error={errors.languages}
      />
      <TextAreaField
        id={`${id}-documents`}
        field="documentsRequired"
        label={fieldLabel('documentsRequired', t)}
        hint={t('editing.listHint')}
        value={documents}
        onChange={(event) => setDocuments(event.target.value)}
        error={errors.documentsRequired}
      />
      <CheckboxGroup
        id={`${id}-channels`}
        field="channels"
        legend={fieldLabel('channels', t)}
        options={channelOptions(t)}
        value={channels}
        onChange={setChannels}
        error={errors.channels}
      />
      <CheckboxField
        id={`${id}-interpol`}
        field="acceptsInterpol"
        label={fieldLabel('acceptsInterpol', t)}
        checked={interpol}
        onChange={(event) => setInterpol(event.target.checked)}
      />
      <TextAreaField
        id={`${id}-urgent`}
        field="urgentProcedure"
        label={fieldLabel('urgentProcedure', t)}
        value={urgent}
        onChange={(event) => setUrgent(event.target.value)}
        error={errors.urgentProcedure}
        testId="propose-urgent"
      />
      <TextAreaField
        id={`${id}-remarks`}
        field="remarks"
        label={fieldLabel('remarks', t)}
        value={remarks}
        onChange={(event) => setRemarks(event.target.value)}
        error={errors.remarks}
        testId="propose-remarks"
      />
      <fieldset className="checkbox-group">
        <legend>{fieldLabel('contact', t)}</legend>
        {CONTACT.map((field) => (
          <TextField
            key={field}
            id={`${id}-contact-${field}`}
            field={`contact.${field}`}
            label={fieldLabel(`contact.${field}`, t)}
            value={contact[field]}
            dir={field === 'address' ? undefined : 'ltr'}
            onChange={(event) => setContact({ ...contact, [field]: event.target.value })}
            error={errors[`contact.${field}`]}
            testId={`propose-contact-${field}`}
          />
        ))}
      </fieldset>
      <div className="form__actions">
        <SubmitButton
          busy={busy}
          label={t('editing.proposeSubmit')}
          busyLabel={t('common.working')}
          testId="propose-submit"
        />
        <Link className="button" href={`/directory/${authority.id}`}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

export function ProposePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { resource, reload } = useResource(queryKeys.authorities.one(id), (signal) =>
    unwrap(api.GET('/api/authorities/{id}', { params: { path: { id } }, signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (isNotFound(resource.error)) return <NotFoundPage />;
    return <LoadError error={resource.error} onRetry={reload} />;
  }
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/directory/${id}`}>{resource.data.name}</Link>
      </p>
      <PageHeading title={t('editing.proposeTitle', { name: resource.data.name })}>
        <p className="page-lead">{t('editing.proposeIntro')}</p>
      </PageHeading>
      <ProposeForm authority={resource.data} />
    </>
  );
}
