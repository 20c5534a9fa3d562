import {
  afterRequesterReply,
  allowedTransitions,
  autoCloseAt,
  mayTransition,
  shouldAutoClose,
  STATUSES,
  TicketStatus,
} from './workflow.policy';

describe('ticket workflow', () => {
  it('lets the secretariat walk the ticket forward and back between working states', () => {
    expect(allowedTransitions('new', 'secretariat')).toEqual(['triaged', 'resolved']);
    expect(allowedTransitions('triaged', 'secretariat')).toEqual(['in_progress', 'resolved']);
    expect(allowedTransitions('in_progress', 'secretariat')).toEqual([
      'waiting_requester',
      'waiting_counterpart',
      'resolved',
    ]);
    expect(allowedTransitions('waiting_requester', 'secretariat')).toEqual(['in_progress', 'resolved']);
    expect(allowedTransitions('waiting_counterpart', 'secretariat')).toEqual(['in_progress', 'resolved']);
  });

  it('reopens from resolved only, never from closed', () => {
    expect(mayTransition('resolved', 'in_progress', 'secretariat')).toBe(true);
    expect(allowedTransitions('closed', 'secretariat')).toEqual([]);
    expect(allowedTransitions('closed', 'requester')).toEqual([]);
    expect(allowedTransitions('closed', 'system')).toEqual([]);
  });

  it('never lets a person close a ticket: only the platform does, from resolved', () => {
    for (const from of STATUSES) {
      expect(mayTransition(from, 'closed', 'secretariat')).toBe(false);
      expect(mayTransition(from, 'closed', 'requester')).toBe(false);
      expect(mayTransition(from, 'closed', 'system')).toBe(from === 'resolved');
    }
  });

  it('lets the requester withdraw an open ticket only', () => {
    const open: TicketStatus[] = ['new', 'triaged', 'in_progress', 'waiting_requester', 'waiting_counterpart'];
    for (const from of STATUSES) {
      expect(allowedTransitions(from, 'requester')).toEqual(open.includes(from) ? ['resolved'] : []);
      expect(mayTransition(from, 'in_progress', 'requester')).toBe(false);
    }
  });

  it('moves a ticket waiting on the requester back to in progress when they reply', () => {
    expect(afterRequesterReply('waiting_requester')).toBe('in_progress');
    for (const status of STATUSES.filter((status) => status !== 'waiting_requester'))
      expect(afterRequesterReply(status)).toBeNull();
  });

  it('closes 14 days after resolution, re-checked when the job runs', () => {
    const resolvedAt = new Date('2026-03-01T10:00:00Z');
    expect(autoCloseAt(resolvedAt).toISOString()).toBe('2026-03-15T10:00:00.000Z');
    expect(shouldAutoClose({ status: 'resolved', resolvedAt }, new Date('2026-03-15T09:59:59Z'))).toBe(false);
    expect(shouldAutoClose({ status: 'resolved', resolvedAt }, new Date('2026-03-15T10:00:00Z'))).toBe(true);
    // Reopened meanwhile: the job finds it in progress and does nothing.
    expect(shouldAutoClose({ status: 'in_progress', resolvedAt: null }, new Date('2026-04-01T00:00:00Z'))).toBe(false);
  });
});
