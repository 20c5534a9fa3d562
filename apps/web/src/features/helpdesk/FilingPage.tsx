/**
 * Guided filing: the facts of a blocked request, checked as they are filled in (`POST …/check`): what is
 * still missing, field by field, and what the directory says of the requested authority, with its
 * warnings (a channel it does not accept, a kind of cooperation it does not handle), which never refuse.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { everyAuthorityQuery, myNetworksQuery, statesQuery } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';
import { languageName } from '../../format';
import { useQueryResource } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Link, navigate, useSearch } from '../../router';
import {
  Alert,
  CheckboxGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../ui/forms';
import { PageHeading } from '../../ui/ui';
import { channelLabel } from '../../vocabulary';
import { fieldId, MissingFacts, promptFor } from './components';
import {
  DATED_REASONS,
  DETAILED_REASONS,
  type Filing,
  type FilingCheck,
  NAMED_LEGAL_BASES,
  options,
} from './vocabulary';

export interface FilingForm {
  requestedStateCode: string;
  requestedAuthorityId: string;
  cooperationType: string;
  offenceCategory: string;
  legalBasis: string;
  legalInstrument: string;
  dateSent: string;
  requesterReference: string;
  channel: string;
  blockageReason: string;
  blockedSince: string;
  refusalGround: string;
  blockageDetails: string;
  urgency: string[];
  deadline: string;
  description: string;
  networkId: string;
}

const FIELDS = [
  'requestedStateCode',
  'requestedAuthorityId',
  'cooperationType',
  'offenceCategory',
  'legalBasis',
  'legalInstrument',
  'dateSent',
  'requesterReference',
  'channel',
  'blockageReason',
  'blockedSince',
  'refusalGround',
  'blockageDetails',
  'urgency',
  'deadline',
  'description',
  'networkId',
] as const;

export const emptyFiling = (authorityId = ''): FilingForm => ({
  requestedStateCode: '',
  requestedAuthorityId: authorityId,
  cooperationType: '',
  offenceCategory: '',
  legalBasis: '',
  legalInstrument: '',
  dateSent: '',
  requesterReference: '',
  channel: '',
  blockageReason: '',
  blockedSince: '',
  refusalGround: '',
  blockageDetails: '',
  urgency: [],
  deadline: '',
  description: '',
  networkId: '',
});

/** The body the API takes: the facts given, and only those the other answers ask for. */
export function filingBody(form: FilingForm): Filing {
  const body: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = form[field];
    if (Array.isArray(value) ? value.length > 0 : value.trim() !== '') body[field] = value;
  }
  if (!NAMED_LEGAL_BASES.includes(form.legalBasis)) delete body.legalInstrument;
  if (!DATED_REASONS.includes(form.blockageReason)) delete body.blockedSince;
  if (form.blockageReason !== 'refused') delete body.refusalGround;
  if (!DETAILED_REASONS.includes(form.blockageReason)) delete body.blockageDetails;
  if (form.urgency.length === 0) delete body.deadline;
  return body as Filing;
}

/**
 * What is still missing: the API's check, and the network when the two States share none (the check names
 * the shared networks; the filing must then choose one of its own).
 */
export function missingOf(
  check: Pick<FilingCheck, 'missing' | 'sharedNetworks'>,
  form: Pick<FilingForm, 'requestedStateCode' | 'networkId'>,
): { field: string; message: string }[] {
  const missing = [...check.missing];
  if (form.requestedStateCode && check.sharedNetworks.length === 0 && !form.networkId)
    missing.push({ field: 'networkId', message: 'choose the network the ticket belongs to' });
  return missing;
}

/** The value after it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
    // The key stands for the value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ms]);
  return settled;
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="panel filing__group">
      <legend className="filing__legend">{legend}</legend>
      {children}
    </fieldset>
  );
}

function DirectoryFacts({ check }: { check: FilingCheck | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const authority = check?.requestedAuthority ?? null;
  return (
    <section className="panel" aria-labelledby={id} data-testid="directory-facts">
      <h2 id={id}>{t('helpdesk.filing.directoryTitle')}</h2>
      {!authority ? (
        <p className="muted">{t('helpdesk.filing.directoryNone')}</p>
      ) : (
        <>
          <p className="strong">{authority.name}</p>
          <dl className="facts facts--stacked">
            <div className="facts__item">
              <dt>{t('helpdesk.filing.documentsRequired')}</dt>
              <dd data-testid="directory-documents">
                {authority.documentsRequired.length ? authority.documentsRequired.join('; ') : t('common.none')}
              </dd>
            </div>
            <div className="facts__item">
              <dt>{t('helpdesk.filing.acceptedChannels')}</dt>
              <dd data-testid="directory-channels">
                {[
                  ...authority.channels.map((channel) => channelLabel(channel, t)),
                  ...(authority.acceptsInterpol && !authority.channels.includes('interpol') ? ['INTERPOL'] : []),
                ].join(', ') || t('common.none')}
              </dd>
            </div>
            <div className="facts__item">
              <dt>{t('helpdesk.filing.languages')}</dt>
              <dd>{authority.languages.map((code) => languageName(code, language)).join(', ') || t('common.none')}</dd>
            </div>
          </dl>
        </>
      )}
      {check && check.warnings.length > 0 && (
        <div className="filing__warnings" data-testid="directory-warnings">
          <h3>{t('helpdesk.filing.warnings')}</h3>
          <ul>
            {check.warnings.map((warning) => (
              <li key={warning.code} data-testid={`warning-${warning.code}`}>
                {t(`helpdesk.filing.warningCodes.${warning.code}` as const)}
              </li>
            ))}
          </ul>
          <p className="muted">{t('helpdesk.filing.warningHint')}</p>
        </div>
      )}
    </section>
  );
}

export function FilingPage() {
  const { t } = useTranslation();
  const search = useSearch();
  const given = new URLSearchParams(search).get('authority') ?? '';
  const [draft, setForm] = useState<FilingForm>(() => emptyFiling(/^[0-9a-f-]{36}$/i.test(given) ? given : ''));
  const set = <K extends keyof FilingForm>(field: K, value: FilingForm[K]) =>
    setForm((current) => ({ ...current, [field]: value }));
  const { formRef, errors, error, busy, submit } = useFormSubmit(FIELDS, { fixErrors: true });

  const states = useQueryResource(statesQuery()).resource;
  const authorities = useQueryResource(everyAuthorityQuery()).resource;
  const networks = useQueryResource(myNetworksQuery()).resource;

  // Started from an authority's record: its State too, until another is chosen.
  const allAuthorities = authorities.status === 'ready' ? authorities.data : null;
  const prefilled = draft.requestedStateCode
    ? null
    : allAuthorities?.find((entry) => entry.id === draft.requestedAuthorityId);
  const form = prefilled ? { ...draft, requestedStateCode: prefilled.state.code } : draft;

  const body = filingBody(form);
  const settled = useSettled(body, 300);
  const checkQuery = useQuery({
    queryKey: queryKeys.helpdesk.check(settled),
    queryFn: ({ signal }) => unwrap(api.POST('/api/helpdesk/tickets/check', { body: settled, signal })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const check = checkQuery.data;
  const missing = check ? missingOf(check, form) : null;
  const warningOf = (field: string) =>
    check?.warnings
      .filter((warning) => warning.field === field)
      .map((warning) => t(`helpdesk.filing.warningCodes.${warning.code}` as const))
      .join(' ');

  const stateOptions = states.status === 'ready' ? states.data.map((s) => ({ value: s.code, label: s.name })) : [];
  const authorityOptions = (allAuthorities ?? [])
    .filter((authority) => authority.state.code === form.requestedStateCode)
    .map((authority) => ({ value: authority.id, label: authority.name }));
  const networkOptions = networks.status === 'ready' ? networks.data.map((n) => ({ value: n.id, label: n.name })) : [];
  const needsNetwork = !!form.requestedStateCode && check !== undefined && check.sharedNetworks.length === 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      const ticket = await unwrap(api.POST('/api/helpdesk/tickets', { body: filingBody(form) }));
      navigate(`/helpdesk/tickets/${ticket.id}`);
    });
  };

  const choose = t('helpdesk.filing.choose');
  /** The API's word on a field after a refused filing, in the app's words. */
  const errorOf = (field: string) => (errors[field] ? promptFor(field, errors[field], t) : undefined);
  const common = (field: (typeof FIELDS)[number]) => ({
    id: fieldId(field),
    field,
    error: errorOf(field),
    testId: `filing-${field}`,
  });

  return (
    <div className="filing">
      <p className="breadcrumb">
        <Link href="/helpdesk">{t('helpdesk.ticket.back')}</Link>
      </p>
      <PageHeading title={t('helpdesk.filing.title')}>
        <p className="page-lead">{t('helpdesk.filing.intro')}</p>
      </PageHeading>
      <div className="filing__layout">
        <form ref={formRef} className="stack filing__form" onSubmit={onSubmit} noValidate data-testid="filing-form">
          {error && <Alert testId="filing-error">{error}</Alert>}
          <Fieldset legend={t('helpdesk.filing.request')}>
            <SelectField
              {...common('requestedStateCode')}
              label={t('helpdesk.filing.state')}
              placeholder={choose}
              options={stateOptions}
              value={form.requestedStateCode}
              onChange={(event) =>
                setForm((current) => ({
                  ...current,
                  requestedStateCode: event.target.value,
                  requestedAuthorityId: '',
                }))
              }
            />
            <SelectField
              {...common('requestedAuthorityId')}
              label={t('helpdesk.filing.authority')}
              hint={t('helpdesk.filing.authorityHint')}
              placeholder={choose}
              options={authorityOptions}
              value={form.requestedAuthorityId}
              onChange={(event) => set('requestedAuthorityId', event.target.value)}
            />
            <SelectField
              {...common('cooperationType')}
              label={t('helpdesk.filing.cooperationType')}
              hint={warningOf('cooperationType') || undefined}
              placeholder={choose}
              options={options('cooperation', t)}
              value={form.cooperationType}
              onChange={(event) => set('cooperationType', event.target.value)}
            />
            <SelectField
              {...common('offenceCategory')}
              label={t('helpdesk.filing.offenceCategory')}
              placeholder={choose}
              options={options('offences', t)}
              value={form.offenceCategory}
              onChange={(event) => set('offenceCategory', event.target.value)}
            />
            <SelectField
              {...common('legalBasis')}
              label={t('helpdesk.filing.legalBasis')}
              placeholder={choose}
              options={options('bases', t)}
              value={form.legalBasis}
              onChange={(event) => set('legalBasis', event.target.value)}
            />
            {NAMED_LEGAL_BASES.includes(form.legalBasis) && (
              <TextField
                {...common('legalInstrument')}
                label={t('helpdesk.filing.legalInstrument')}
                maxLength={300}
                value={form.legalInstrument}
                onChange={(event) => set('legalInstrument', event.target.value)}
              />
            )}
            <TextField
              {...common('dateSent')}
              type="date"
              label={t('helpdesk.filing.dateSent')}
              value={form.dateSent}
              onChange={(event) => set('dateSent', event.target.value)}
            />
            <TextField
              {...common('requesterReference')}
              label={t('helpdesk.filing.requesterReference')}
              maxLength={200}
              value={form.requesterReference}
              onChange={(event) => set('requesterReference', event.target.value)}
            />
            <SelectField
              {...common('channel')}
              label={t('helpdesk.filing.channel')}
              hint={warningOf('channel') || undefined}
              placeholder={choose}
              options={options('channels', t)}
              value={form.channel}
              onChange={(event) => set('channel', event.target.value)}
            />
            {needsNetwork && (
              <SelectField
                {...common('networkId')}
                label={t('helpdesk.filing.network')}
                hint={t('helpdesk.filing.networkHint')}
                placeholder={choose}
                options={networkOptions}
                value={form.networkId}
                onChange={(event) => set('networkId', event.target.value)}
              />
            )}
          </Fieldset>
          <Fieldset legend={t('helpdesk.filing.blockage')}>
            <SelectField
              {...common('blockageReason')}
              label={t('helpdesk.filing.blockageReason')}
              placeholder={choose}
              options={options('reasons', t)}
              value={form.blockageReason}
              onChange={(event) => set('blockageReason', event.target.value)}
            />
            {DATED_REASONS.includes(form.blockageReason) && (
              <TextField
                {...common('blockedSince')}
                type="date"
                label={t('helpdesk.filing.blockedSince')}
                value={form.blockedSince}
                onChange={(event) => set('blockedSince', event.target.value)}
              />
            )}
            {form.blockageReason === 'refused' && (
              <SelectField
                {...common('refusalGround')}
                label={t('helpdesk.filing.refusalGround')}
                placeholder={choose}
                options={options('grounds', t)}
                value={form.refusalGround}
                onChange={(event) => set('refusalGround', event.target.value)}
              />
            )}
            {DETAILED_REASONS.includes(form.blockageReason) && (
              <TextAreaField
                {...common('blockageDetails')}
                label={t('helpdesk.filing.blockageDetails')}
                maxLength={5000}
                value={form.blockageDetails}
                onChange={(event) => set('blockageDetails', event.target.value)}
              />
            )}
          </Fieldset>
          <Fieldset legend={t('helpdesk.filing.urgencyLegend')}>
            <CheckboxGroup
              id={fieldId('urgency')}
              field="urgency"
              legend={t('helpdesk.filing.urgency')}
              hideLegend
              hint={t('helpdesk.filing.urgencyHint')}
              options={options('urgencies', t)}
              value={form.urgency}
              onChange={(value) => set('urgency', value)}
              error={errorOf('urgency')}
              testId="filing-urgency"
            />
            {form.urgency.length > 0 && (
              <TextField
                {...common('deadline')}
                type="date"
                label={t('helpdesk.filing.deadline')}
                value={form.deadline}
                onChange={(event) => set('deadline', event.target.value)}
              />
            )}
          </Fieldset>
          <Fieldset legend={t('helpdesk.filing.case')}>
            <TextAreaField
              {...common('description')}
              label={t('helpdesk.filing.description')}
              hint={t('helpdesk.filing.descriptionHint')}
              rows={6}
              maxLength={20_000}
              value={form.description}
              onChange={(event) => set('description', event.target.value)}
            />
          </Fieldset>
          <p>
            <SubmitButton
              busy={busy}
              label={t('helpdesk.filing.submit')}
              busyLabel={t('helpdesk.filing.submitting')}
              testId="filing-submit"
            />
          </p>
        </form>
        <div className="stack filing__aside">
          {checkQuery.isError && !checkQuery.isFetching && (
            <Alert testId="check-error">{messageOf(checkQuery.error)}</Alert>
          )}
          <MissingFacts missing={missing} checking={checkQuery.isFetching} />
          <DirectoryFacts check={check} />
        </div>
      </div>
    </div>
  );
}
