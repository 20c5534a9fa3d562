/**
 * @jest-environment jsdom
 */
import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import '../../i18n';
import { setLanguage } from '../../i18n';
import { MissingFacts, SlaClocks } from './components';
import { emptyFiling, filingBody, missingOf } from './FilingPage';
import { resolutionClock, responseClock } from './sla';
import type { TicketSummary } from './vocabulary';

// jsdom lays nothing out: moving to a field only focuses it here.
Element.prototype.scrollIntoView = () => undefined;

type Sla = TicketSummary['sla'];
const NOW = new Date('2026-12-07T10:00:00Z');
const sla = (over: Partial<Sla> = {}): Sla => ({
  responseDueAt: null,
  resolutionDueAt: null,
  firstResponseAt: null,
  responseWorkingSeconds: null,
  resolutionWorkingSeconds: null,
  paused: false,
  responseTargetHours: 4,
  resolutionTargetHours: 40,
  responseOutcome: null,
  resolutionOutcome: null,
  ...over,
});
const ticket = (status: TicketSummary['status'], over: Partial<Sla> = {}) => ({ status, sla: sla(over) });

describe('the SLA clocks', () => {
  it('runs to a deadline, and is overdue once it has passed', () => {
    const running = ticket('triaged', {
      responseDueAt: '2026-12-07T14:00:00Z',
      resolutionDueAt: '2026-12-20T10:00:00Z',
    });
    expect(responseClock(running, NOW)).toEqual({ state: 'running', due: '2026-12-07T14:00:00Z' });
    const late = ticket('in_progress', {
      responseDueAt: '2026-12-07T09:59:00Z',
      resolutionDueAt: '2026-12-20T10:00:00Z',
    });
    expect(responseClock(late, NOW)).toEqual({ state: 'overdue', due: '2026-12-07T09:59:00Z' });
    expect(resolutionClock(late, NOW).state).toBe('running');
  });

  it('is paused while waiting on the requester, and done once answered or resolved', () => {
    expect(responseClock(ticket('waiting_requester', { paused: true }), NOW).state).toBe('paused');
    expect(resolutionClock(ticket('waiting_requester', { paused: true }), NOW).state).toBe('paused');
    const answered = ticket('in_progress', {
      firstResponseAt: '2026-12-07T08:00:00Z',
      responseWorkingSeconds: 3 * 3600 + 1800,
      resolutionDueAt: '2026-12-20T10:00:00Z',
    });
    expect(responseClock(answered, NOW)).toEqual({
      state: 'done',
      workingSeconds: 12_600,
      targetHours: 4,
      outcome: null,
    });
    // Resolved before any answer: the first-answer clock stopped without one.
    const resolved = ticket('resolved', { resolutionWorkingSeconds: 7200 });
    expect(responseClock(resolved, NOW).state).toBe('stopped');
    expect(resolutionClock(resolved, NOW)).toEqual({
      state: 'done',
      workingSeconds: 7200,
      targetHours: 40,
      outcome: null,
    });
  });

  it('shows each clock’s state and its deadline in the viewer’s zone, in the page’s language', () => {
    setLanguage('en', false);
    const { unmount } = render(
      <SlaClocks
        ticket={ticket('in_progress', {
          firstResponseAt: '2026-12-07T08:00:00Z',
          responseWorkingSeconds: 12_600,
          resolutionDueAt: '2026-12-07T09:00:00Z',
        })}
        now={NOW}
      />,
    );
    const response = screen.getByTestId('sla-response');
    expect(response.dataset.state).toBe('done');
    expect(response.textContent).toBe('First answer: answered after 3.5 working hours');
    const resolution = screen.getByTestId('sla-resolution');
    expect(resolution.dataset.state).toBe('overdue');
    expect(resolution.textContent).toMatch(/^Resolution: overdue since .*2026/);
    unmount();

    setLanguage('fr', false);
    const paused = render(<SlaClocks ticket={ticket('waiting_requester', { paused: true })} now={NOW} />);
    expect(screen.getByTestId('sla-response').textContent).toBe(
      'Première réponse: suspendu dans l’attente du requérant',
    );
    // Unmounted first: a language change re-renders what is mounted, outside the test's act().
    paused.unmount();
    setLanguage('en', false);
  });
});

describe('the SLA outcomes', () => {
  const finished = ticket('resolved', {
    firstResponseAt: '2026-12-07T08:00:00Z',
    responseWorkingSeconds: 5 * 3600,
    resolutionWorkingSeconds: 12 * 3600,
    responseOutcome: 'missed',
    resolutionOutcome: 'met',
  });

  it('says each finished clock’s target and whether the API found it met, in words', () => {
    setLanguage('en', false);
    const { unmount } = render(<SlaClocks ticket={finished} now={NOW} />);
    const response = screen.getByTestId('sla-response');
    expect(response.dataset.outcome).toBe('missed');
    expect(response.textContent).toBe('First answer: answered after 5 working hours target of 4 working hours missed');
    expect(screen.getByTestId('sla-resolution-outcome').textContent).toBe('target of 40 working hours met');
    unmount();
  });

  it('says nothing of an outcome for a running clock', () => {
    setLanguage('en', false);
    const { unmount } = render(
      <SlaClocks ticket={ticket('in_progress', { resolutionDueAt: '2026-12-20T10:00:00Z' })} now={NOW} />,
    );
    expect(screen.queryByTestId('sla-resolution-outcome')).toBeNull();
    expect(screen.getByTestId('sla-resolution').dataset.outcome).toBeUndefined();
    unmount();
  });

  it('is said in Arabic', () => {
    setLanguage('ar', false);
    const { unmount } = render(<SlaClocks ticket={finished} now={NOW} />);
    expect(screen.getByTestId('sla-response-outcome').textContent).toBe('تم تجاوز الهدف (4 ساعة عمل)');
    unmount();
    setLanguage('en', false);
  });
});

describe('the missing-fact prompts', () => {
  it('sends only the facts given, and those the other answers ask for', () => {
    const form = {
      ...emptyFiling(),
      requestedStateCode: 'MU',
      legalBasis: 'untoc_18',
      legalInstrument: 'left over from "bilateral"',
      blockageReason: 'refused',
      refusalGround: 'nationality',
      blockedSince: '2026-01-01',
      deadline: '2026-12-31',
    };
    expect(filingBody(form)).toEqual({
      requestedStateCode: 'MU',
      legalBasis: 'untoc_18',
      blockageReason: 'refused',
      refusalGround: 'nationality',
    });
    expect(filingBody({ ...form, urgency: ['custody'] })).toMatchObject({
      urgency: ['custody'],
      deadline: '2026-12-31',
    });
  });

  it('adds the network when the two States share none', () => {
    const check = { missing: [{ field: 'description', message: 'describe the case' }], sharedNetworks: [] };
    expect(missingOf(check, { requestedStateCode: 'MU', networkId: '' }).map((item) => item.field)).toEqual([
      'description',
      'networkId',
    ]);
    expect(missingOf(check, { requestedStateCode: 'MU', networkId: 'n-1' }).map((item) => item.field)).toEqual([
      'description',
    ]);
    expect(missingOf(check, { requestedStateCode: '', networkId: '' }).map((item) => item.field)).toEqual([
      'description',
    ]);
  });

  it('names each missing fact, field by field, in the page’s words, each linking to its field', () => {
    setLanguage('en', false);
    const { rerender } = render(
      <>
        <input id="hd-legalInstrument" aria-label="instrument" />
        <MissingFacts
          missing={[
            { field: 'legalInstrument', message: 'name the treaty or instrument' },
            { field: 'futureField', message: 'say what the API now wants' },
          ]}
          checking={false}
        />
      </>,
    );
    const list = screen.getByTestId('missing-facts');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Treaty or instrument: Name the treaty or instrument.',
      // A field this version does not know: the API's own words.
      'Description of the case: say what the API now wants',
    ]);
    expect(screen.getByTestId('missing-count').textContent).toBe('Facts still missing: 2');
    within(list).getByRole('link', { name: 'Treaty or instrument' }).click();
    expect(document.activeElement?.id).toBe('hd-legalInstrument');

    rerender(<MissingFacts missing={[]} checking={false} />);
    expect(screen.getByTestId('missing-none').textContent).toBe('Every required fact is given.');
  });
});
