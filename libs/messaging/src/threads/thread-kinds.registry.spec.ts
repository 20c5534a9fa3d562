import type { DataSource } from 'typeorm';
import { RoomPolicies } from '@liaison/realtime';
import { MESSAGING_OWNER, ThreadKindDefinition, ThreadKinds } from './thread-kinds.registry';

const kind = (overrides: Partial<ThreadKindDefinition> = {}): ThreadKindDefinition => ({
  kind: 'ticket',
  read: 'EXISTS (SELECT 1 FROM thread_participants tp WHERE tp.thread_id = t.id AND tp.user_id = :me)',
  inbox: true,
  genericNotices: false,
  participants: true,
  owner: 'helpdesk',
  ...overrides,
});

describe('ThreadKinds', () => {
  let rooms: RoomPolicies;
  let kinds: ThreadKinds;

  beforeEach(() => {
    rooms = new RoomPolicies();
    // These checks build SQL and never reach the database.
    kinds = new ThreadKinds(rooms, {} as DataSource);
  });

  it('refuses an unknown kind, and reads nothing when no kind is registered', () => {
    expect(() => kinds.get('ticket')).toThrow('unknown thread kind "ticket"');
    expect(() => kinds.room('ticket', 'x')).toThrow('unknown thread kind');
    expect(kinds.readRule()).toBe('FALSE');
    expect(kinds.inboxRule()).toBe('FALSE');
    expect(kinds.ownedByMessaging('ticket')).toBe(false);
  });

  it('refuses bad names, a second registration and rules with other parameters', () => {
    expect(() => kinds.register(kind({ kind: "x' OR true --" }))).toThrow('thread kind must look like');
    expect(() => kinds.register(kind({ kind: 'Ticket' }))).toThrow('thread kind must look like');
    expect(() => kinds.register(kind({ read: 't.created_by = :user' }))).toThrow('must use :me');
    expect(() => kinds.register(kind({ read: 't.created_by = :me OR t.network_id = :network' }))).toThrow(
      'no parameter but :me',
    );
    expect(() => kinds.register(kind({ read: 't.created_by = $1 OR :me IS NULL' }))).toThrow('no parameter but :me');
    expect(() => kinds.register(kind({ write: 't.created_by = :me; DROP TABLE threads' }))).toThrow('no ";"');
    expect(() => kinds.register(kind({ room: { prefix: 'user:' } }))).toThrow('not a thread room prefix');
    kinds.register(kind());
    expect(() => kinds.register(kind())).toThrow('already registered');
  });

  it('combines every kind’s rule, each under its own kind, and binds :me by name or position', () => {
    kinds.register(kind({ write: 't.created_by = :me AND t.kind::text <> :me::text' }));
    kinds.register(kind({ kind: 'ticket-internal', read: 't.created_by = :me', inbox: false, owner: MESSAGING_OWNER }));
    expect(kinds.readRule()).toBe(
      "((t.kind = 'ticket' AND (EXISTS (SELECT 1 FROM thread_participants tp WHERE tp.thread_id = t.id AND tp.user_id = :me))) OR (t.kind = 'ticket-internal' AND (t.created_by = :me)))",
    );
    expect(kinds.writeRule('$2')).toBe(
      "((t.kind = 'ticket' AND (t.created_by = $2 AND t.kind::text <> $2::text)) OR (t.kind = 'ticket-internal' AND (t.created_by = $2)))",
    );
    expect(kinds.inboxRule()).toBe("t.kind IN ('ticket')");
    expect(kinds.readersQuery('$1')).toContain("(t.kind = 'ticket-internal' AND (t.created_by = u.id))");
    expect(kinds.ownedByMessaging('ticket')).toBe(false);
    expect(kinds.ownedByMessaging('ticket-internal')).toBe(true);
  });

  it('names each thread’s room by its kind and opens each prefix to the registry only', async () => {
    kinds.register(kind({ room: { prefix: 'ticket:' } }));
    kinds.register(kind({ kind: 'forum-like' }));
    expect(kinds.room('ticket', 'abc')).toBe('ticket:abc');
    expect(kinds.room('forum-like', 'abc')).toBe('thread:abc');
    expect(kinds.roomsNamed('abc').sort()).toEqual(['thread:abc', 'ticket:abc']);
    // Not a thread id: refused before any query.
    const user = { id: 'u', sessionId: 's', role: 'focal_point' } as never;
    expect(await rooms.allows(user, 'ticket:not-a-uuid')).toBe(false);
    expect(await rooms.allows(user, 'other:abc')).toBe(false);
  });
});
