import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, type Payload, unwrap } from '../../api/client';
import {
  Alert,
  CheckboxField,
  CheckboxGroup,
  FieldError,
  Notice,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../ui/forms';
import { DemoBadge, LoadError, Loading } from '../../ui/ui';
import { timeZones } from '../../format';
import { useQueryResource, useResource } from '../../hooks';
import { useLanguage } from '../../i18n';
import { categoryOptions, channelOptions, isCategory, isChannel, languageOptions } from '../../vocabulary';
import { Panel } from './shared';
import { OfficeHoursEditor } from './OfficeHoursEditor';
import { CLOSED_WEEK } from '@liaison/contracts';
import { everyAuthorityQuery, statesQuery } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';

type AuthorityDetail = Answer<'/api/authorities/{id}', 'get'>;
type StateView = Answer<'/api/states', 'get'>[number];
type CreateBody = Payload<'/api/authorities', 'post'>;
type OfficeHours = CreateBody['officeHours'];
type Category = CreateBody['categories'][number];
type Channel = CreateBody['channels'][number];
type Contact = CreateBody['contact'];

const CONTACT_FIELDS = ['address', 'phone', 'fax', 'email', 'website'] as const;
const FORM_FIELDS = [
  'stateCode',
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
  'lastVerified',
] as const;

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function AuthorityEditor({
  authority,
  states,
  onSaved,
  onCancel,
}: {
  authority: AuthorityDetail | null;
  states: StateView[];
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const [stateCode, setStateCode] = useState(authority?.state.code ?? '');
  const [name, setName] = useState(authority?.name ?? '');
  const [categories, setCategories] = useState<Category[]>(authority?.categories ?? []);
  const [officeHours, setOfficeHours] = useState<OfficeHours>(authority?.officeHours ?? CLOSED_WEEK);
  const [timeZone, setTimeZone] = useState(authority?.timeZone ?? 'UTC');
  const [languages, setLanguages] = useState<string[]>(authority?.languages ?? []);
  const [documents, setDocuments] = useState((authority?.documentsRequired ?? []).join('\n'));
  const [channels, setChannels] = useState<Channel[]>(authority?.channels ?? []);
  const [acceptsInterpol, setAcceptsInterpol] = useState(authority?.acceptsInterpol ?? false);
  const [urgentProcedure, setUrgent] = useState(authority?.urgentProcedure ?? '');
  const [remarks, setRemarks] = useState(authority?.remarks ?? '');
  const [contact, setContact] = useState<Required<Contact>>({
    address: authority?.contact.address ?? '',
    phone: authority?.contact.phone ?? '',
    fax: authority?.contact.fax ?? '',
    email: authority?.contact.email ?? '',
    website: authority?.contact.website ?? '',
  });
  const [lastVerified, setLastVerified] = useState(authority?.lastVerified ?? '');
  const { formRef, errors, error, busy, submit: send } = useFormSubmit(FORM_FIELDS, { fixErrors: true });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(async () => {
      const filledContact: Contact = {};
      for (const field of CONTACT_FIELDS) if (contact[field].trim()) filledContact[field] = contact[field].trim();
      const fields = {
        name: name.trim(),
        categories,
        officeHours,
        timeZone,
        languages,
        documentsRequired: lines(documents),
        channels,
        acceptsInterpol,
        urgentProcedure: urgentProcedure.trim() || null,
        remarks: remarks.trim() || null,
        contact: filledContact,
        lastVerified: lastVerified || null,
      };
      if (authority) {
        await unwrap(api.PATCH('/api/authorities/{id}', { params: { path: { id: authority.id } }, body: fields }));
      } else {
        await unwrap(api.POST('/api/authorities', { body: { ...fields, stateCode } }));
      }
      onSaved(fields.name);
    });
  };

  const title = authority ? t('admin.editAuthority', { name: authority.name }) : t('admin.newAuthority');
  return (
    <Panel title={title} testId="authority-editor">
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        {error && <Alert>{error}</Alert>}
        {!authority && (
          <SelectField
            id={`${id}-state`}
            field="stateCode"
            label={t('directory.state')}
            placeholder={t('admin.chooseState')}
            options={states.map((state) => ({ value: state.code, label: state.name }))}
            value={stateCode}
            onChange={(event) => setStateCode(event.target.value)}
            error={errors.stateCode}
            testId="authority-state"
          />
        )}
        <TextField
          id={`${id}-name`}
          field="name"
          label={t('admin.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
          testId="authority-name-input"
        />
        <CheckboxGroup
          id={`${id}-categories`}
          field="categories"
          legend={t('admin.categories')}
          options={categoryOptions(t)}
          value={categories}
          onChange={(value) => setCategories(value.filter(isCategory))}
          error={errors.categories}
        />
        <SelectField
          id={`${id}-zone`}
          field="timeZone"
          label={t('admin.timeZone')}
          options={timeZones(timeZone).map((zone) => ({ value: zone, label: zone }))}
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          error={errors.timeZone}
          testId="authority-zone"
        />
        <OfficeHoursEditor value={officeHours} onChange={setOfficeHours} error={errors.officeHours} />
        <CheckboxGroup
          id={`${id}-languages`}
          field="languages"
          legend={t('admin.languages')}
          options={languageOptions(language, languages)}
          value={languages}
          onChange={setLanguages}
          error={errors.languages}
        />
        <CheckboxGroup
          id={`${id}-channels`}
          field="channels"
          legend={t('admin.channels')}
          options={channelOptions(t)}
          value={channels}
          onChange={(value) => setChannels(value.filter(isChannel))}
          error={errors.channels}
        />
        <CheckboxField
          id={`${id}-interpol`}
          field="acceptsInterpol"
          label={t('admin.acceptsInterpol')}
          checked={acceptsInterpol}
          onChange={(event) => setAcceptsInterpol(event.target.checked)}
        />
        <TextAreaField
          id={`${id}-documents`}
          field="documentsRequired"
          label={t('admin.documents')}
          hint={t('admin.oneLine')}
          value={documents}
          onChange={(event) => setDocuments(event.target.value)}
          error={errors.documentsRequired}
        />
        <TextAreaField
          id={`${id}-urgent`}
          field="urgentProcedure"
          label={t('admin.urgent')}
          value={urgentProcedure}
          onChange={(event) => setUrgent(event.target.value)}
          error={errors.urgentProcedure}
        />
        <TextAreaField
          id={`${id}-remarks`}
          field="remarks"
          label={t('admin.remarks')}
          value={remarks}
          onChange={(event) => setRemarks(event.target.value)}
          error={errors.remarks}
        />
        <fieldset className="form__group">
          <legend className="form__legend">{t('admin.contact')}</legend>
          {errors.contact && <FieldError field="contact" message={errors.contact} />}
          {CONTACT_FIELDS.map((field) => (
            <TextField
              key={field}
              id={`${id}-contact-${field}`}
              field={`contact.${field}`}
              label={t(field === 'email' ? 'admin.email' : `admin.${field}`)}
              type={field === 'email' ? 'email' : field === 'website' ? 'url' : field === 'address' ? 'text' : 'tel'}
              value={contact[field]}
              onChange={(event) => setContact({ ...contact, [field]: event.target.value })}
            />
          ))}
        </fieldset>
        <TextField
          id={`${id}-verified`}
          field="lastVerified"
          type="date"
          className="input--short"
          label={t('admin.lastVerified')}
          value={lastVerified}
          onChange={(event) => setLastVerified(event.target.value)}
          error={errors.lastVerified}
        />
        <div className="form__actions">
          <SubmitButton
            busy={busy}
            label={authority ? t('common.save') : t('admin.newAuthority')}
            busyLabel={t('common.working')}
            testId="authority-save"
          />
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}

function EditExisting({
  id,
  states,
  onSaved,
  onCancel,
}: {
  id: string;
  states: StateView[];
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const { resource, reload } = useResource(queryKeys.authorities.one(id), (signal) =>
    unwrap(api.GET('/api/authorities/{id}', { params: { path: { id } }, signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  return <AuthorityEditor authority={resource.data} states={states} onSaved={onSaved} onCancel={onCancel} />;
}

export function AuthoritiesSection() {
  const { t } = useTranslation();
  const list = useQueryResource(everyAuthorityQuery());
  const states = useQueryResource(statesQuery()).resource;
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const saved = (name: string) => {
    setNotice(t(editing === 'new' ? 'admin.authorityCreated' : 'common.saved', { name }));
    setEditing(null);
    list.reload();
  };
  const stateList = states.status === 'ready' ? states.data : [];

  return (
    <div className="stack">
      <Notice>{notice}</Notice>
      {editing === 'new' && (
        <AuthorityEditor authority={null} states={stateList} onSaved={saved} onCancel={() => setEditing(null)} />
      )}
      {editing && editing !== 'new' && (
        <EditExisting key={editing} id={editing} states={stateList} onSaved={saved} onCancel={() => setEditing(null)} />
      )}
      <Panel title={t('admin.authorities')}>
        {editing === null && (
          <p>
            <button
              type="button"
              className="button button--primary"
              onClick={() => setEditing('new')}
              data-testid="authority-new"
            >
              {t('admin.newAuthority')}
            </button>
          </p>
        )}
        {list.resource.status === 'loading' && <Loading />}
        {list.resource.status === 'error' && <LoadError error={list.resource.error} onRetry={list.reload} />}
        {list.resource.status === 'ready' &&
          (list.resource.data.length === 0 ? (
            <p className="muted">{t('admin.noAuthorities')}</p>
          ) : (
            <ul className="rows" data-testid="authorities">
              {list.resource.data.map((authority) => (
                <li key={authority.id} className="row">
                  <div className="row__main">
                    <p className="strong">
                      <bdi>{authority.name}</bdi> {authority.demo && <DemoBadge />}
                    </p>
                    <p className="muted">
                      {authority.state.name} · {authority.timeZone}
                    </p>
                  </div>
                  <button type="button" className="button" onClick={() => setEditing(authority.id)}>
                    {t('common.edit')}
                    <span className="visually-hidden"> {authority.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </Panel>
    </div>
  );
}
