/**
 * The secretariat's triage queue: every ticket, filtered and sorted, page by page ("more"); each assigned
 * and given a priority in place, or several assigned at once. Live: the page joins the queue's room, and a
 * ticket filed or changed elsewhere appears without a reload.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES, PRIORITIES } from '@liaison/contracts';
import { api, type paths, unwrap } from '../../api/client';
import { networksQuery, secretariatMembersQuery, statesQuery } from '../../api/queries';
import { queryClient } from '../../api/query-client';
import { queryKeys } from '../../api/query-keys';
import { realtime } from '../../realtime';
import { useBusy, useKeysetPages, useNow, useQueryResource } from '../../hooks';
import { messageOf } from '../../api/problem';
import { Alert, CheckboxField, type Option, SelectField, TextField } from '../../ui/forms';
import { LoadError, Loading, PageHeading } from '../../ui/ui';
import { TicketRowSummary, useQueueRoom } from './components';
import { options, SORTS, type TicketSummary } from './vocabulary';

interface Filters {
  status: string;
  priority: string;
  networkId: string;
  stateCode: string;
  cooperationType: string;
  assigneeId: string;
  unassigned: boolean;
  overdue: boolean;
  reference: string;
  sort: string;
}

const NO_FILTERS: Filters = {
  status: '',
  priority: '',
  networkId: '',
  stateCode: '',
  cooperationType: '',
  assigneeId: '',
  unassigned: false,
  overdue: false,
  reference: '',
  sort: 'newest',
};

type Query = NonNullable<paths['/api/helpdesk/tickets']['get']['parameters']['query']>;

/** The API's query for the filters: "open tickets" unless a status (or all) is chosen. */
export function queueQuery(filters: Filters): Query {
  const status = filters.status === 'all' ? undefined : filters.status ? [filters.status] : [...OPEN_STATUSES];
  return {
    status: status as Query['status'],
    priority: filters.priority ? [filters.priority as (typeof PRIORITIES)[number]] : undefined,
    networkId: filters.networkId || undefined,
    stateCode: filters.stateCode || undefined,
    cooperationType: (filters.cooperationType || undefined) as Query['cooperationType'],
    assigneeId: filters.assigneeId || undefined,
    unassigned: filters.unassigned || undefined,
    overdue: filters.overdue || undefined,
    reference: filters.reference.trim() || undefined,
    sort: filters.sort as Query['sort'],
  };
}

function Triage({ ticket, members }: { ticket: TicketSummary; members: Option[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [priority, setPriority] = useState<string>(ticket.priority);
  const [assigneeId, setAssigneeId] = useState(ticket.assignee?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setError(null);
      try {
        await unwrap(
          api.PATCH('/api/helpdesk/tickets/{id}', {
            params: { path: { id: ticket.id } },
            body: { priority: priority as (typeof PRIORITIES)[number], assigneeId: assigneeId || null },
          }),
        );
        await queryClient.invalidateQueries({ queryKey: queryKeys.helpdesk.all() });
      } catch (caught) {
        setError(messageOf(caught));
      }
    });
  };
  return (
    <form className="ticket-row__triage" onSubmit={save} data-testid="row-triage">
      <SelectField
        id={`${id}-assignee`}
        field="assigneeId"
        label={t('helpdesk.assignee')}
        placeholder={t('helpdesk.unassigned')}
        options={members}
        value={assigneeId}
        onChange={(event) => setAssigneeId(event.target.value)}
        testId="row-assignee"
      />
      <SelectField
        id={`${id}-priority`}
        field="priority"
        label={t('helpdesk.priority')}
        options={options('priorities', t)}
        value={priority}
        onChange={(event) => setPriority(event.target.value)}
        testId="row-priority"
      />
      <button type="submit" className="button" aria-disabled={busy || undefined} data-testid="row-save">
        {busy ? t('common.working') : t('helpdesk.ticket.triageSubmit')}
      </button>
      {error && <Alert>{error}</Alert>}
    </form>
  );
}

export function QueuePage() {
  const { t } = useTranslation();
  const now = useNow();
  const formId = useId();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkAssignee, setBulkAssignee] = useState('');
  const [bulkNotice, setBulkNotice] = useState('');
  const [bulkError, setBulkError] = useState<string | null>(null);
  const [bulkBusy, runBulk] = useBusy();
  const [live, setLive] = useState('');

  const states = useQueryResource(statesQuery()).resource;
  const networks = useQueryResource(networksQuery()).resource;
  const members = useQueryResource(secretariatMembersQuery()).resource;
  const memberOptions =
    members.status === 'ready' ? members.data.map((m) => ({ value: m.id, label: m.displayName })) : [];

  const { first, items, nextCursor, loadMore, busy, error } = useKeysetPages<TicketSummary>(
    queryKeys.helpdesk.list({ queue: filters }),
    (cursor, signal) =>
      unwrap(
        api.GET('/api/helpdesk/tickets', {
          params: { query: { ...queueQuery(filters), limit: 50, cursor: cursor ?? undefined } },
          signal,
        }),
      ),
  );

  const joined = useQueueRoom(() => void queryClient.invalidateQueries({ queryKey: queryKeys.helpdesk.lists() }));
  useEffect(
    () => realtime.on('helpdesk.ticket-changed', ({ reference }) => setLive(t('helpdesk.queue.live', { reference }))),
    [t],
  );

  const set = <K extends keyof Filters>(field: K, value: Filters[K]) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setSelected(new Set());
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const bulkAssign = (event: FormEvent) => {
    event.preventDefault();
    void runBulk(async () => {
      setBulkError(null);
      setBulkNotice('');
      try {
        const { assigned } = await unwrap(
          api.POST('/api/helpdesk/tickets/assign', {
            body: { ticketIds: [...selected], assigneeId: bulkAssignee || null },
          }),
        );
        setBulkNotice(t('helpdesk.queue.assigned', { count: assigned }));
        setSelected(new Set());
        await queryClient.invalidateQueries({ queryKey: queryKeys.helpdesk.all() });
      } catch (caught) {
        setBulkError(messageOf(caught));
      }
    });
  };

  return (
    <div className="helpdesk">
      <PageHeading title={t('helpdesk.queue.title')}>
        <p className="page-lead">{t('helpdesk.queue.intro')}</p>
      </PageHeading>
      <p className="visually-hidden" role="status" data-testid="queue-live" data-joined={joined}>
        {live}
      </p>
      <details className="panel queue-filters" open>
        <summary className="thread-tools__summary">{t('helpdesk.queue.filters')}</summary>
        <form className="queue-filters__form" onSubmit={apply} data-testid="queue-filters">
          <SelectField
            id={`${formId}-status`}
            field="status"
            label={t('helpdesk.status')}
            options={[{ value: 'all', label: t('helpdesk.queue.allStatuses') }, ...options('statuses', t)]}
            placeholder={t('helpdesk.queue.anyStatus')}
            value={draft.status}
            onChange={(event) => set('status', event.target.value)}
            testId="filter-status"
          />
          <SelectField
            id={`${formId}-priority`}
            field="priority"
            label={t('helpdesk.priority')}
            options={options('priorities', t)}
            placeholder={t('helpdesk.queue.anyPriority')}
            value={draft.priority}
            onChange={(event) => set('priority', event.target.value)}
          />
          <SelectField
            id={`${formId}-network`}
            field="networkId"
            label={t('helpdesk.queue.network')}
            options={networks.status === 'ready' ? networks.data.map((n) => ({ value: n.id, label: n.name })) : []}
            placeholder={t('helpdesk.queue.anyNetwork')}
            value={draft.networkId}
            onChange={(event) => set('networkId', event.target.value)}
          />
          <SelectField
            id={`${formId}-state`}
            field="stateCode"
            label={t('helpdesk.queue.state')}
            options={states.status === 'ready' ? states.data.map((s) => ({ value: s.code, label: s.name })) : []}
            placeholder={t('helpdesk.queue.anyState')}
            value={draft.stateCode}
            onChange={(event) => set('stateCode', event.target.value)}
          />
          <SelectField
            id={`${formId}-cooperation`}
            field="cooperationType"
            label={t('helpdesk.queue.cooperation')}
            options={options('cooperation', t)}
            placeholder={t('helpdesk.queue.anyCooperation')}
            value={draft.cooperationType}
            onChange={(event) => set('cooperationType', event.target.value)}
          />
          <SelectField
            id={`${formId}-assignee`}
            field="assigneeId"
            label={t('helpdesk.assignee')}
            options={memberOptions}
            placeholder={t('helpdesk.queue.anyAssignee')}
            value={draft.assigneeId}
            onChange={(event) => set('assigneeId', event.target.value)}
          />
          <TextField
            id={`${formId}-reference`}
            field="reference"
            label={t('helpdesk.reference')}
            placeholder={t('helpdesk.queue.referenceHint')}
            dir="ltr"
            value={draft.reference}
            onChange={(event) => set('reference', event.target.value)}
          />
          <SelectField
            id={`${formId}-sort`}
            field="sort"
            label={t('helpdesk.queue.sort')}
            options={SORTS.map((value) => ({ value, label: t(`helpdesk.queue.sorts.${value}` as const) }))}
            value={draft.sort}
            onChange={(event) => set('sort', event.target.value)}
          />
          <CheckboxField
            id={`${formId}-unassigned`}
            field="unassigned"
            label={t('helpdesk.queue.unassignedOnly')}
            checked={draft.unassigned}
            onChange={(event) => set('unassigned', event.target.checked)}
          />
          <CheckboxField
            id={`${formId}-overdue`}
            field="overdue"
            label={t('helpdesk.queue.overdueOnly')}
            checked={draft.overdue}
            onChange={(event) => set('overdue', event.target.checked)}
          />
          <p className="queue-filters__actions">
            <button type="submit" className="button button--primary" data-testid="filter-apply">
              {t('helpdesk.queue.apply')}
            </button>{' '}
            <button
              type="button"
              className="button"
              onClick={() => {
                setDraft(NO_FILTERS);
                setFilters(NO_FILTERS);
              }}
            >
              {t('helpdesk.queue.clear')}
            </button>
          </p>
        </form>
      </details>

      {selected.size > 0 && (
        <form className="panel queue-bulk" onSubmit={bulkAssign} data-testid="bulk-assign">
          <p>{t('helpdesk.queue.selectedCount', { count: selected.size })}</p>
          <SelectField
            id={`${formId}-bulk`}
            field="assigneeId"
            label={t('helpdesk.queue.bulkAssign')}
            options={memberOptions}
            placeholder={t('helpdesk.unassigned')}
            value={bulkAssignee}
            onChange={(event) => setBulkAssignee(event.target.value)}
            testId="bulk-assignee"
          />
          <button type="submit" className="button button--primary" aria-disabled={bulkBusy || undefined}>
            {t('helpdesk.queue.assign')}
          </button>
          {bulkError && <Alert>{bulkError}</Alert>}
        </form>
      )}
      <p className="notice-ok" role="status">
        {bulkNotice}
      </p>

      <section aria-labelledby={`${formId}-results`}>
        <h2 id={`${formId}-results`} className="visually-hidden">
          {t('helpdesk.queue.title')}
        </h2>
        {first.resource.status === 'loading' ? (
          <Loading />
        ) : first.resource.status === 'error' ? (
          <LoadError error={first.resource.error} onRetry={first.reload} />
        ) : items.length === 0 ? (
          <p className="muted" data-testid="tickets-empty">
            {t('helpdesk.none')}
          </p>
        ) : (
          <>
            <p className="muted">{t('helpdesk.shown', { count: items.length })}</p>
            <ul className="ticket-list" data-testid="tickets">
              {items.map((ticket) => (
                <li key={ticket.id} className="ticket-row" data-testid="ticket-row" data-reference={ticket.reference}>
                  <CheckboxField
                    id={`${formId}-select-${ticket.id}`}
                    field="ticketIds"
                    label={t('helpdesk.queue.select', { reference: ticket.reference })}
                    checked={selected.has(ticket.id)}
                    onChange={(event) => toggle(ticket.id, event.target.checked)}
                    testId="row-select"
                  />
                  <TicketRowSummary ticket={ticket} now={now} />
                  <details className="ticket-row__tools">
                    <summary>{t('helpdesk.ticket.triage')}</summary>
                    <Triage
                      key={`${ticket.priority}-${ticket.assignee?.id ?? ''}`}
                      ticket={ticket}
                      members={memberOptions}
                    />
                  </details>
                </li>
              ))}
            </ul>
          </>
        )}
        {error && <Alert>{error}</Alert>}
        {nextCursor && (
          <p>
            <button
              type="button"
              className="button"
              onClick={() => void loadMore()}
              aria-disabled={busy || undefined}
              data-testid="queue-more"
            >
              {busy ? t('common.loading') : t('helpdesk.more')}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
