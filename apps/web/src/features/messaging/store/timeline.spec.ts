import { describe, expect, it } from '@jest/globals';
import type { MessageView } from '@liaison/contracts';
import { latest, mentionsIn, type PendingMessage, timeline, withLatest } from './timeline';

function message(seq: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: `m${seq}`,
    threadId: 't',
    seq,
    clientId: `c${seq}`,
    author: { id: 'u', displayName: 'U' },
    body: `body ${seq}`,
    unreadable: false,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

const pending = (clientId: string): PendingMessage => ({
  clientId,
  body: 'hi',
  mentions: [],
  status: 'sending',
  error: null,
});

describe('thread timeline', () => {
  it('merges older and held messages in seq order, each once, then what is being sent', () => {
    const entries = timeline([message(1), message(2), message(3)], [message(3), message(4)], new Map(), [
      pending('c5'),
      pending('new'),
    ]);
    expect(entries.map((entry) => (entry.kind === 'message' ? entry.message.seq : entry.pending.clientId))).toEqual([
      1,
      2,
      3,
      4,
      'c5',
      'new',
    ]);
  });

  it('drops a message being sent once the stored one (same client id) is there', () => {
    const entries = timeline([], [message(1), message(2, { clientId: 'sent' })], new Map(), [
      pending('sent'),
      pending('other'),
    ]);
    expect(
      entries
        .filter((entry) => entry.kind === 'pending')
        .map((entry) => (entry.kind === 'pending' ? entry.pending.clientId : '')),
    ).toEqual(['other']);
  });

  it('shows the latest state of each message: an edit over the original, a deletion over everything', () => {
    const edited = message(1, { body: 'new', editedAt: '2026-01-02T00:00:00.000Z' });
    const deleted = message(2, { body: null, deletedAt: '2026-01-02T00:00:00.000Z' });
    let changed = withLatest(new Map(), edited);
    changed = withLatest(changed, deleted);
    // A late copy of the original does not undo the edit.
    changed = withLatest(changed, message(1));
    const entries = timeline([message(1), message(2)], [], changed, []);
    expect(entries.map((entry) => (entry.kind === 'message' ? entry.message.body : null))).toEqual(['new', null]);
    expect(latest(deleted, message(2, { body: 'stale', editedAt: '2026-01-03T00:00:00.000Z' })).body).toBeNull();
  });

  it('finds the people still mentioned in the body', () => {
    const people = [
      { id: 'a', displayName: 'Amina Diallo' },
      { id: 'b', displayName: 'Jean Morel' },
    ];
    expect(mentionsIn('Hello @Amina Diallo, see this', people)).toEqual(['a']);
    expect(mentionsIn('no mention', people)).toEqual([]);
  });
});
