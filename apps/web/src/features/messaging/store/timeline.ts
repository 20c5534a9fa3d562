/**
 * What a thread view shows, in seq order: the older messages fetched page by page (REST), the ones the sync
 * module holds (everything after its starting point, kept in order live), the latest state of messages
 * edited or deleted since (live events and this user's own edits), and the messages this page is sending
 * (shown at once as "sending…" until the stored message, with the same client id, is there).
 */
import type { MessageView } from '@liaison/contracts';

export interface PendingMessage {
  clientId: string;
  body: string;
  mentions: string[];
  status: 'sending' | 'failed';
  /** Why the server refused it (the problem's detail), or null for another failure. */
  error: string | null;
}

export type TimelineEntry = { kind: 'message'; message: MessageView } | { kind: 'pending'; pending: PendingMessage };

/** Of two copies of one message, the latest state: a deletion stands, then the latest edit. */
export function latest(a: MessageView, b: MessageView): MessageView {
  if (a.deletedAt || b.deletedAt) return b.deletedAt ? b : a;
  if (a.editedAt && (!b.editedAt || a.editedAt > b.editedAt)) return a;
  return b;
}

/** Adds a copy of a message to a map of the latest states by id. */
export function withLatest(map: ReadonlyMap<string, MessageView>, message: MessageView): Map<string, MessageView> {
  const next = new Map(map);
  const held = next.get(message.id);
  next.set(message.id, held ? latest(held, message) : message);
  return next;
}

export function timeline(
  older: readonly MessageView[],
  held: readonly MessageView[],
  changed: ReadonlyMap<string, MessageView>,
  pending: readonly PendingMessage[],
): TimelineEntry[] {
  const bySeq = new Map<number, MessageView>();
  for (const message of [...older, ...held]) {
    const known = bySeq.get(message.seq);
    bySeq.set(message.seq, known ? latest(known, message) : message);
  }
  const messages = [...bySeq.values()]
    .map((message) => {
      const newer = changed.get(message.id);
      return newer ? latest(message, newer) : message;
    })
    .sort((a, b) => a.seq - b.seq);
  const stored = new Set(messages.map((message) => message.clientId));
  return [
    ...messages.map((message): TimelineEntry => ({ kind: 'message', message })),
    ...pending
      .filter((entry) => !stored.has(entry.clientId))
      .map((entry): TimelineEntry => ({ kind: 'pending', pending: entry })),
  ];
}

/** The ids of the people mentioned in a body: those offered whose `@Name` is still in it. */
export function mentionsIn(body: string, offered: readonly { id: string; displayName: string }[]): string[] {
  return offered.filter((person) => body.includes(`@${person.displayName}`)).map((person) => person.id);
}
