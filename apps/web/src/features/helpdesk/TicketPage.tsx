/**
 * A ticket: its facts (free text decrypted; text that failed its integrity check said so), the SLA clocks,
 * the timeline, the status moves open to the viewer (a 409 names the moves allowed), triage and counterpart
 * invitations for the secretariat, withdrawal for the requester, the public thread and — for the secretariat
 * only — the internal notes, both with the messaging feature's conversation.
 */
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFUSAL_GROUNDS } from '@liaison/contracts';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/problem';
import { secretariatMembersQuery, ticketQuery } from '../../api/queries';
import { queryClient } from '../../api/query-client';
import { queryKeys } from '../../api/query-keys';
import { formatCalendarDate, formatDateTime, isolate } from '../../format';
import { useBusy, useNow, useQueryResource, useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { realtime } from '../../realtime';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Alert, Notice, SelectField, TextField, useFormSubmit } from '../../ui/forms';
import { Fact, isNotFound, LoadError, Loading, NotFoundPage, PageHeading } from '../../ui/ui';
import { Conversation } from '../messaging/thread/Conversation';
import { PriorityBadge, SlaClocks, StatusBadge } from './components';
import { label, options, type TicketDetail } from './vocabulary';

function Section({
  title,
  hint,
  children,
  testId,
}: {
  title: string;
  hint?: string;
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {hint && <p className="muted">{hint}</p>}
      {children}
    </section>
  );
}

/** Free text: shown, or "Unreadable" when it failed its integrity check. */
function Text({ value, ticket }: { value: string | null; ticket: TicketDetail }) {
  const { t } = useTranslation();
  if (value !== null) return <span className="pre-line">{value}</span>;
  if (ticket.unreadable)
    return (
      <span className="placeholder-text" data-testid="unreadable">
        {t('helpdesk.ticket.unreadable')}
      </span>
    );
  return null;
}

function Facts({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const date = (value: string | null) => (value ? formatCalendarDate(value, language) : null);
  return (
    <Section title={t('helpdesk.ticket.facts')} testId="ticket-facts">
      {ticket.unreadable && <Alert testId="unreadable-notice">{t('helpdesk.ticket.unreadableNotice')}</Alert>}
      <dl className="facts facts--stacked">
        <Fact label={t('helpdesk.requester')}>
          {ticket.requesterAuthority.name} ({ticket.requesterStateCode})
        </Fact>
        <Fact label={t('helpdesk.filing.state')}>{ticket.requestedStateCode}</Fact>
        <Fact label={t('helpdesk.filing.authority')}>{ticket.requestedAuthority?.name}</Fact>
        <Fact label={t('helpdesk.filing.cooperationType')}>{label('cooperation', ticket.cooperationType, t)}</Fact>
        <Fact label={t('helpdesk.filing.offenceCategory')}>{label('offences', ticket.offenceCategory, t)}</Fact>
        <Fact label={t('helpdesk.filing.legalBasis')}>
          {label('bases', ticket.legalBasis, t)}
          {ticket.legalInstrument ? ` — ${ticket.legalInstrument}` : ''}
        </Fact>
        <Fact label={t('helpdesk.filing.dateSent')}>{date(ticket.dateSent)}</Fact>
        <Fact label={t('helpdesk.filing.requesterReference')}>
          <Text value={ticket.requesterReference} ticket={ticket} />
        </Fact>
        <Fact label={t('helpdesk.filing.channel')}>{label('channels', ticket.channel, t)}</Fact>
        <Fact label={t('helpdesk.filing.blockageReason')}>{label('reasons', ticket.blockageReason, t)}</Fact>
        {ticket.blockedSince && <Fact label={t('helpdesk.filing.blockedSince')}>{date(ticket.blockedSince)}</Fact>}
        {ticket.refusalGround && (
          <Fact label={t('helpdesk.filing.refusalGround')}>{label('grounds', ticket.refusalGround, t)}</Fact>
        )}
        {(ticket.blockageDetails !== null || ticket.unreadable) && (
          <Fact label={t('helpdesk.filing.blockageDetails')}>
            <Text value={ticket.blockageDetails} ticket={ticket} />
          </Fact>
        )}
        <Fact label={t('helpdesk.filing.urgency')}>
          {ticket.urgency.map((value) => label('urgencies', value, t)).join(', ')}
        </Fact>
        {ticket.deadline && <Fact label={t('helpdesk.filing.deadline')}>{date(ticket.deadline)}</Fact>}
        <Fact label={t('helpdesk.ticket.networks')}>{ticket.networks.map((n) => n.name).join(', ')}</Fact>
        <Fact label={t('helpdesk.assignee')}>{ticket.assignee?.name ?? t('helpdesk.unassigned')}</Fact>
        {ticket.counterparts.length > 0 && (
          <Fact label={t('helpdesk.ticket.counterparts')}>{ticket.counterparts.map((c) => c.name).join(', ')}</Fact>
        )}
        {ticket.outcome && (
          <Fact label={t('helpdesk.ticket.outcome')}>
            {label('outcomes', ticket.outcome, t)}
            {ticket.outcomeGround ? ` — ${label('grounds', ticket.outcomeGround, t)}` : ''}
            {ticket.duplicateOf && (
              <>
                {' — '}
                <Link href={`/helpdesk/tickets/${ticket.duplicateOf.id}`} dir="ltr">
                  {ticket.duplicateOf.reference}
                </Link>
              </>
            )}
          </Fact>
        )}
      </dl>
      <h3>{t('helpdesk.filing.description')}</h3>
      <p data-testid="ticket-description">
        <Text value={ticket.description} ticket={ticket} />
      </p>
      {ticket.warnings.length > 0 && (
        <div data-testid="ticket-warnings">
          <h3>{t('helpdesk.ticket.directoryWarnings')}</h3>
          <ul>
            {ticket.warnings.map((warning) => (
              <li key={warning.code}>{t(`helpdesk.filing.warningCodes.${warning.code}` as const)}</li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

function Timeline({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const what = (entry: TicketDetail['timeline'][number]) => {
    const status = (value: string | null) => label('statuses', value, t);
    switch (entry.action) {
      case 'filed':
      case 'counterpart-invited':
      case 'first-response':
      case 'sla-warning':
        return t(`helpdesk.ticket.actionsTimeline.${entry.action}` as const);
      case 'status':
        return t('helpdesk.ticket.actionsTimeline.status', {
          from: status(entry.oldValue),
          to: status(entry.newValue),
        });
      case 'outcome':
        return t('helpdesk.ticket.actionsTimeline.outcome', { to: label('outcomes', entry.newValue, t) });
      case 'priority':
        return t('helpdesk.ticket.actionsTimeline.priority', {
          from: label('priorities', entry.oldValue, t),
          to: label('priorities', entry.newValue, t),
        });
      case 'assignee':
        return ticket.assignee && entry.newValue === ticket.assignee.id
          ? t('helpdesk.ticket.actionsTimeline.assigneeTo', { name: isolate(ticket.assignee.name) })
          : t('helpdesk.ticket.actionsTimeline.assignee');
      default:
        return t('helpdesk.ticket.actionsTimeline.other', { action: entry.action });
    }
  };
  return (
    <Section title={t('helpdesk.ticket.timeline')} testId="ticket-timeline">
      <ol className="timeline">
        {ticket.timeline.map((entry) => (
          <li key={entry.id} className="timeline__entry" data-testid="timeline-entry" data-action={entry.action}>
            <span className="strong">{what(entry)}</span>{' '}
            <span className="muted">
              {t('helpdesk.ticket.by', { name: isolate(entry.actor?.name ?? t('helpdesk.ticket.platform')) })} ·{' '}
              <time dateTime={entry.at}>{formatDateTime(entry.at, language, zone)}</time>
            </span>
          </li>
        ))}
      </ol>
    </Section>
  );
}

const refresh = (ticket: TicketDetail) => {
  queryClient.setQueryData(queryKeys.helpdesk.one(ticket.id), ticket);
  void queryClient.invalidateQueries({ queryKey: queryKeys.helpdesk.lists() });
};

/** A refused move (409): the moves the workflow allows from here, in words. */
function refusal(caught: unknown, t: TFunction): string {
  if (caught instanceof ApiError && caught.status === 409 && Array.isArray(caught.problem.allowed)) {
    const from = label('statuses', String(caught.problem.from ?? ''), t);
    const allowed = (caught.problem.allowed as string[]).map((status) => label('statuses', status, t));
    return allowed.length
      ? t('helpdesk.ticket.notAllowed', { from, allowed: allowed.join(', ') })
      : t('helpdesk.ticket.noneAllowed', { from });
  }
  return messageOf(caught);
}

function StatusForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState('');
  const [outcome, setOutcome] = useState('');
  const [outcomeGround, setOutcomeGround] = useState('');
  const [duplicate, setDuplicate] = useState('');
  const [notice, setNotice] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const { formRef, errors, error, busy, submit } = useFormSubmit(['status', 'outcome', 'outcomeGround', 'duplicateOf']);
  if (ticket.allowedTransitions.length === 0) return <p className="muted">{t('helpdesk.ticket.noMoves')}</p>;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    setRefused(null);
    void submit(async () => {
      let duplicateOf: string | undefined;
      if (status === 'resolved' && outcome === 'duplicate' && duplicate.trim()) {
        const found = await unwrap(
          api.GET('/api/helpdesk/tickets', { params: { query: { reference: duplicate.trim(), limit: 1 } } }),
        );
        duplicateOf = found.items[0]?.id;
      }
      try {
        const next = await unwrap(
          api.POST('/api/helpdesk/tickets/{id}/status', {
            params: { path: { id: ticket.id } },
            body: {
              status: status as TicketDetail['status'],
              ...(status === 'resolved'
                ? {
                    outcome: (outcome || undefined) as NonNullable<TicketDetail['outcome']> | undefined,
                    outcomeGround: (outcome === 'refused' ? outcomeGround || undefined : undefined) as
                      (typeof REFUSAL_GROUNDS)[number] | undefined,
                    duplicateOf,
                  }
                : {}),
            },
          }),
        );
        refresh(next);
        setStatus('');
        setNotice(t('helpdesk.ticket.moved', { status: label('statuses', next.status, t) }));
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 409) {
          setRefused(refusal(caught, t));
          void queryClient.invalidateQueries({ queryKey: queryKeys.helpdesk.one(ticket.id) });
          return;
        }
        throw caught;
      }
    });
  };
  return (
    <form ref={formRef} onSubmit={onSubmit} className="stack" data-testid="status-form" noValidate>
      {(refused ?? error) && <Alert testId="status-error">{refused ?? error}</Alert>}
      <SelectField
        id={`${id}-status`}
        field="status"
        label={t('helpdesk.ticket.move')}
        placeholder={t('helpdesk.filing.choose')}
        options={options('statuses', t, ticket.allowedTransitions)}
        value={status}
        onChange={(event) => setStatus(event.target.value)}
        error={errors.status}
        testId="status-select"
      />
      {status === 'resolved' && (
        <SelectField
          id={`${id}-outcome`}
          field="outcome"
          label={t('helpdesk.ticket.outcome')}
          hint={t('helpdesk.ticket.outcomeHint')}
          placeholder={t('helpdesk.filing.choose')}
          options={options('outcomes', t).filter((option) => option.value !== 'withdrawn')}
          value={outcome}
          onChange={(event) => setOutcome(event.target.value)}
          error={errors.outcome}
          testId="outcome-select"
        />
      )}
      {status === 'resolved' && outcome === 'refused' && (
        <SelectField
          id={`${id}-ground`}
          field="outcomeGround"
          label={t('helpdesk.ticket.outcomeGround')}
          placeholder={t('helpdesk.filing.choose')}
          options={options('grounds', t)}
          value={outcomeGround}
          onChange={(event) => setOutcomeGround(event.target.value)}
          error={errors.outcomeGround}
        />
      )}
      {status === 'resolved' && outcome === 'duplicate' && (
        <TextField
          id={`${id}-duplicate`}
          field="duplicateOf"
          label={t('helpdesk.ticket.duplicateOf')}
          placeholder={t('helpdesk.queue.referenceHint')}
          dir="ltr"
          value={duplicate}
          onChange={(event) => setDuplicate(event.target.value)}
          error={errors.duplicateOf}
        />
      )}
      <p>
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={busy || undefined}
          data-testid="status-submit"
        >
          {busy ? t('common.working') : t('helpdesk.ticket.moveSubmit')}
        </button>
      </p>
      <Notice testId="status-notice">{notice}</Notice>
    </form>
  );
}

function TriageForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const members = useQueryResource(secretariatMembersQuery()).resource;
  const [priority, setPriority] = useState<string>(ticket.priority);
  const [assigneeId, setAssigneeId] = useState(ticket.assignee?.id ?? '');
  const [notice, setNotice] = useState('');
  const { formRef, errors, error, busy, submit } = useFormSubmit(['priority', 'assigneeId']);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    void submit(async () => {
      const next = await unwrap(
        api.PATCH('/api/helpdesk/tickets/{id}', {
          params: { path: { id: ticket.id } },
          body: { priority: priority as TicketDetail['priority'], assigneeId: assigneeId || null },
        }),
      );
      refresh(next);
      setNotice(t('helpdesk.ticket.triaged'));
    });
  };
  return (
    <form ref={formRef} onSubmit={onSubmit} className="stack" data-testid="triage-form" noValidate>
      {error && <Alert>{error}</Alert>}
      <SelectField
        id={`${id}-assignee`}
        field="assigneeId"
        label={t('helpdesk.assignee')}
        placeholder={t('helpdesk.unassigned')}
        options={members.status === 'ready' ? members.data.map((m) => ({ value: m.id, label: m.displayName })) : []}
        value={assigneeId}
        onChange={(event) => setAssigneeId(event.target.value)}
        error={errors.assigneeId}
        testId="triage-assignee"
      />
      <SelectField
        id={`${id}-priority`}
        field="priority"
        label={t('helpdesk.priority')}
        options={options('priorities', t)}
        value={priority}
        onChange={(event) => setPriority(event.target.value)}
        error={errors.priority}
        testId="triage-priority"
      />
      <p>
        <button type="submit" className="button" aria-disabled={busy || undefined} data-testid="triage-submit">
          {busy ? t('common.working') : t('helpdesk.ticket.triageSubmit')}
        </button>
      </p>
      <Notice>{notice}</Notice>
    </form>
  );
}

function InviteForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const authorityId = ticket.requestedAuthority?.id ?? null;
  const authority = useResource(authorityId ? queryKeys.authorities.one(authorityId) : null, (signal) =>
    unwrap(api.GET('/api/authorities/{id}', { params: { path: { id: authorityId ?? '' } }, signal })),
  ).resource;
  const [userId, setUserId] = useState('');
  const [notice, setNotice] = useState('');
  const { formRef, errors, error, busy, submit } = useFormSubmit(['userId']);
  if (!authorityId) return null;
  const invited = new Set(ticket.counterparts.map((person) => person.id));
  const people =
    authority.status === 'ready' ? authority.data.focalPoints.filter((person) => !invited.has(person.id)) : [];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    void submit(async () => {
      const next = await unwrap(
        api.POST('/api/helpdesk/tickets/{id}/counterparts', { params: { path: { id: ticket.id } }, body: { userId } }),
      );
      refresh(next);
      setUserId('');
      setNotice(t('helpdesk.ticket.invited'));
    });
  };
  return (
    <form ref={formRef} onSubmit={onSubmit} className="stack" data-testid="invite-form" noValidate>
      <h3>{t('helpdesk.ticket.invite')}</h3>
      {error && <Alert>{error}</Alert>}
      {authority.status === 'ready' && people.length === 0 ? (
        <p className="muted">{t('helpdesk.ticket.noCounterpart')}</p>
      ) : (
        <>
          <SelectField
            id={`${id}-user`}
            field="userId"
            label={t('helpdesk.ticket.invite')}
            hint={t('helpdesk.ticket.inviteHint')}
            placeholder={t('helpdesk.filing.choose')}
            options={people.map((person) => ({ value: person.id, label: person.displayName }))}
            value={userId}
            onChange={(event) => setUserId(event.target.value)}
            error={errors.userId}
          />
          <p>
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {busy ? t('common.working') : t('helpdesk.ticket.inviteSubmit')}
            </button>
          </p>
        </>
      )}
      <Notice>{notice}</Notice>
    </form>
  );
}

function Withdraw({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const withdraw = () =>
    run(async () => {
      setError(null);
      try {
        refresh(await unwrap(api.POST('/api/helpdesk/tickets/{id}/withdraw', { params: { path: { id: ticket.id } } })));
        setAsking(false);
      } catch (caught) {
        setError(refusal(caught, t));
      }
    });
  return (
    <div className="stack" data-testid="withdraw">
      {error && <Alert>{error}</Alert>}
      {asking ? (
        <>
          <p>{t('helpdesk.ticket.withdrawConfirm', { reference: ticket.reference })}</p>
          <p className="page-actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => void withdraw()}
              aria-disabled={busy || undefined}
              data-testid="withdraw-confirm"
            >
              {t('helpdesk.ticket.withdraw')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </>
      ) : (
        <p>
          <button type="button" className="button" onClick={() => setAsking(true)} data-testid="withdraw-start">
            {t('helpdesk.ticket.withdraw')}
          </button>
        </p>
      )}
    </div>
  );
}

/** A ticket's thread (public or internal notes), with the messaging feature's conversation. */
function TicketThread({ threadId, meId }: { threadId: string; meId: string | null }) {
  const { resource, reload } = useResource(queryKeys.threads.one(threadId), (signal) =>
    unwrap(api.GET('/api/threads/{id}', { params: { path: { id: threadId } }, signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  return <Conversation key={threadId} thread={resource.data} meId={meId} embedded />;
}

function Ticket({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const meId = session.status === 'signed-in' ? session.user.id : null;
  const now = useNow();
  const secretariat = ticket.viewer === 'secretariat';
  return (
    <div className="ticket-page">
      <p className="breadcrumb">
        <Link href={secretariat ? '/helpdesk/queue' : '/helpdesk'}>
          {secretariat ? t('helpdesk.ticket.backQueue') : t('helpdesk.ticket.back')}
        </Link>
      </p>
      <PageHeading title={ticket.reference} testId="ticket-reference">
        <p className="badges">
          <StatusBadge status={ticket.status} /> <PriorityBadge priority={ticket.priority} />
        </p>
        <SlaClocks ticket={ticket} now={now} />
      </PageHeading>
      <div className="record">
        <div className="stack">
          <Facts ticket={ticket} />
          <Timeline ticket={ticket} />
        </div>
        <div className="stack">
          {(secretariat || ticket.canWithdraw) && (
            <Section title={t('helpdesk.ticket.actions')} testId="ticket-actions">
              {secretariat && <StatusForm ticket={ticket} />}
              {secretariat && (
                <>
                  <h3>{t('helpdesk.ticket.triage')}</h3>
                  <TriageForm key={`${ticket.priority}-${ticket.assignee?.id ?? ''}`} ticket={ticket} />
                  <InviteForm ticket={ticket} />
                </>
              )}
              {ticket.canWithdraw && <Withdraw ticket={ticket} />}
            </Section>
          )}
        </div>
      </div>
      <Section
        title={t('helpdesk.ticket.publicThread')}
        hint={t('helpdesk.ticket.publicThreadHint')}
        testId="public-thread"
      >
        <TicketThread threadId={ticket.publicThreadId} meId={meId} />
      </Section>
      {ticket.internalThreadId && (
        <Section
          title={t('helpdesk.ticket.internalThread')}
          hint={t('helpdesk.ticket.internalThreadHint')}
          testId="internal-thread"
        >
          <TicketThread threadId={ticket.internalThreadId} meId={meId} />
        </Section>
      )}
    </div>
  );
}

export function TicketPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { resource, reload } = useQueryResource(ticketQuery(id));
  const publicThreadId = resource.status === 'ready' ? resource.data.publicThreadId : null;
  // A message in the public thread may move the ticket (the first answer stops a clock, the requester's
  // reply ends "waiting on the requester"): fetch it again.
  useEffect(() => {
    if (!publicThreadId) return;
    return realtime.on('message.created', (message) => {
      if (message.threadId === publicThreadId)
        void queryClient.invalidateQueries({ queryKey: queryKeys.helpdesk.one(id) });
    });
  }, [id, publicThreadId]);
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (isNotFound(resource.error)) return <NotFoundPage />;
    return (
      <>
        <PageHeading title={t('helpdesk.title')} />
        <LoadError error={resource.error} onRetry={reload} />
      </>
    );
  }
  return <Ticket ticket={resource.data} />;
}
