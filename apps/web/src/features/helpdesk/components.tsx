/** What the helpdesk's pages share: status and SLA badges, the missing-fact prompts, the ticket rows. */
import type { TFunction } from 'i18next';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, intlLocale, isolate } from '../../format';
import { useViewerZone } from '../../hooks';
import { type Language, useLanguage } from '../../i18n';
import { realtime } from '../../realtime';
import { Link } from '../../router';
import { Badge } from '../../ui/ui';
import { type ClockState, resolutionClock, responseClock, workingHours } from './sla';
import { label, type TicketSummary, words } from './vocabulary';

const STATUS_TONE: Record<string, 'neutral' | 'ok' | 'warn' | 'bad'> = {
  new: 'warn',
  waiting_requester: 'warn',
  resolved: 'ok',
  closed: 'ok',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status] ?? 'neutral'} testId="ticket-status">
      {label('statuses', status, t)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useTranslation();
  return (
    <Badge tone={priority === 'urgent' ? 'bad' : priority === 'high' ? 'warn' : 'neutral'} testId="ticket-priority">
      {t('helpdesk.priority')}: {label('priorities', priority, t)}
    </Badge>
  );
}

const CLOCK_TONE: Record<ClockState['state'], 'neutral' | 'ok' | 'warn' | 'bad'> = {
  running: 'neutral',
  overdue: 'bad',
  paused: 'warn',
  done: 'ok',
  stopped: 'neutral',
  none: 'neutral',
};

function hours(seconds: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 1 }).format(workingHours(seconds));
}

/** One clock's words: "due 6 Dec, 14:00" in the viewer's zone, "overdue since…", "paused…", "answered after 3 working hours". */
export function clockText(
  clock: 'response' | 'resolution',
  state: ClockState,
  t: TFunction,
  language: Language,
  zone: string,
): string {
  switch (state.state) {
    case 'running':
    case 'overdue':
      return words(t)(`helpdesk.slaState.${state.state}`, { due: formatDateTime(state.due, language, zone) });
    case 'done':
      return state.workingSeconds === null
        ? words(t)('helpdesk.slaState.stopped')
        : words(t)(clock === 'response' ? 'helpdesk.slaState.answered' : 'helpdesk.slaState.resolved', {
            hours: hours(state.workingSeconds, language),
          });
    default:
      return words(t)(`helpdesk.slaState.${state.state}`);
  }
}

/** A finished clock's target and whether it was met, in words ("target of 4 working hours met"), or null. */
export function outcomeText(state: ClockState, t: TFunction, language: Language): string | null {
  if (state.state !== 'done' || state.outcome === null || state.targetHours === null) return null;
  return words(t)(`helpdesk.slaState.${state.outcome}`, { target: hours(state.targetHours * 3600, language) });
}

/**
 * A ticket's two SLA clocks, each with its state (as `data-state`) and its deadline in the viewer's zone; a
 * finished clock also says its target and whether it was met (as `data-outcome`, and in words).
 */
export function SlaClocks({ ticket, now }: { ticket: Pick<TicketSummary, 'status' | 'sla'>; now: Date }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const clocks = [
    ['response', responseClock(ticket, now)],
    ['resolution', resolutionClock(ticket, now)],
  ] as const;
  const outcomes = {
    response: outcomeText(clocks[0][1], t, language),
    resolution: outcomeText(clocks[1][1], t, language),
  };
  return (
    <ul className="sla-clocks" data-testid="sla">
      {clocks.map(([clock, state]) => (
        <li
          key={clock}
          data-testid={`sla-${clock}`}
          data-state={state.state}
          data-outcome={state.state === 'done' ? (state.outcome ?? undefined) : undefined}
        >
          <span className="sla-clocks__name">
            {t(clock === 'response' ? 'helpdesk.slaState.response' : 'helpdesk.slaState.resolution')}:
          </span>{' '}
          <Badge tone={CLOCK_TONE[state.state]}>{clockText(clock, state, t, language, zone)}</Badge>
          {outcomes[clock] !== null && (
            <>
              {' '}
              <Badge
                tone={state.state === 'done' && state.outcome === 'missed' ? 'bad' : 'ok'}
                testId={`sla-${clock}-outcome`}
              >
                {outcomes[clock]}
              </Badge>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The form field each filing fact is asked in (`id` of the control, words of its label). */
export const FIELD_LABELS: Record<string, string> = {
  requestedStateCode: 'state',
  requestedAuthorityId: 'authority',
  cooperationType: 'cooperationType',
  offenceCategory: 'offenceCategory',
  legalBasis: 'legalBasis',
  legalInstrument: 'legalInstrument',
  dateSent: 'dateSent',
  requesterReference: 'requesterReference',
  channel: 'channel',
  blockageReason: 'blockageReason',
  blockedSince: 'blockedSince',
  refusalGround: 'refusalGround',
  blockageDetails: 'blockageDetails',
  urgency: 'urgency',
  deadline: 'deadline',
  description: 'description',
  networkId: 'network',
};

export const fieldId = (field: string) => `hd-${field}`;

/** What to say for a missing fact: the app's words for a known field, else the API's. */
export function promptFor(field: string, message: string, t: TFunction): string {
  const key = `helpdesk.filing.prompts.${field}`;
  const text = words(t)(key);
  return text === key ? message : text;
}

/**
 * The facts a filing still lacks, field by field (as the API's check names them), each a link that moves to
 * its field. `null`: not checked yet.
 */
export function MissingFacts({
  missing,
  checking,
}: {
  missing: readonly { field: string; message: string }[] | null;
  checking: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const focus = (field: string) => {
    const element = document.getElementById(fieldId(field));
    element?.focus();
    element?.scrollIntoView({ block: 'center' });
  };
  return (
    <section className="panel missing-facts" aria-labelledby={id} data-testid="missing-panel">
      <h2 id={id}>{t('helpdesk.filing.missingTitle')}</h2>
      {missing === null ? (
        <p className="muted">{t('helpdesk.filing.checking')}</p>
      ) : missing.length === 0 ? (
        <p data-testid="missing-none">{t('helpdesk.filing.missingNone')}</p>
      ) : (
        <>
          <p className="muted" data-testid="missing-count">
            {t('helpdesk.filing.missingCount', { count: missing.length })}
            {checking ? ` ${t('helpdesk.filing.checking')}` : ''}
          </p>
          <ul className="missing-facts__list" data-testid="missing-facts">
            {missing.map((item) => (
              <li key={item.field} data-testid={`missing-${item.field}`}>
                <a
                  href={`#${fieldId(item.field)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focus(item.field);
                  }}
                >
                  {words(t)(`helpdesk.filing.${FIELD_LABELS[item.field] ?? 'description'}`)}
                </a>
                {': '}
                {promptFor(item.field, item.message, t)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A ticket in a list: reference, status, who asks whom for what, the assignee and the SLA clocks. */
export function TicketRowSummary({ ticket, now }: { ticket: TicketSummary; now: Date }) {
  const { t } = useTranslation();
  return (
    <div className="ticket-row__summary">
      <p className="ticket-row__title">
        <Link href={`/helpdesk/tickets/${ticket.id}`} className="ticket-row__link" data-testid="ticket-link" dir="ltr">
          {ticket.reference}
        </Link>{' '}
        <StatusBadge status={ticket.status} /> <PriorityBadge priority={ticket.priority} />
        {ticket.overdue && (
          <>
            {' '}
            <Badge tone="bad" testId="ticket-overdue">
              {t('helpdesk.overdue')}
            </Badge>
          </>
        )}
      </p>
      <p className="ticket-row__what">
        {label('cooperation', ticket.cooperationType, t)} · {isolate(ticket.requesterAuthority.name)} (
        {ticket.requesterStateCode}) → {ticket.requestedAuthority ? isolate(ticket.requestedAuthority.name) : ''} (
        {ticket.requestedStateCode})
      </p>
      <p className="ticket-row__meta muted" data-testid="ticket-assignee">
        {t('helpdesk.assignee')}: {ticket.assignee ? isolate(ticket.assignee.name) : t('helpdesk.unassigned')}
      </p>
      <SlaClocks ticket={ticket} now={now} />
    </div>
  );
}

/**
 * Joins the triage queue's room while mounted (again after every reconnection): the API sends
 * `helpdesk.ticket-changed` there, and the query cache refetches the lists (api/query-client.ts).
 */
export function useQueueRoom(onJoined: () => void): boolean {
  const [joined, setJoined] = useState(false);
  useEffect(() => {
    let joinedOn: unknown = null;
    const join = () => {
      const socket = realtime.socket;
      if (!socket || realtime.getSnapshot().state !== 'online' || joinedOn === socket) return;
      joinedOn = socket;
      socket.timeout(5_000).emit('room.join', { room: 'helpdesk:queue' }, (error: unknown, answer?: unknown) => {
        // Joined: fetch what may have changed before the room heard of it.
        const ok = !error && (answer as { ok?: boolean } | undefined)?.ok === true;
        setJoined(ok);
        if (ok) onJoined();
      });
    };
    join();
    const unsubscribe = realtime.subscribe(join);
    return () => {
      unsubscribe();
      realtime.socket?.emit('room.leave', { room: 'helpdesk:queue' }, () => undefined);
    };
    // onJoined is called, not watched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return joined;
}
