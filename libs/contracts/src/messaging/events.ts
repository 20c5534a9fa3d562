/**
 * Messaging's payloads and socket events, shared by the API, the web app and the client sync module. Types
 * only: it must stay free of runtime imports.
 */

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface MessageView {
  id: string;
  threadId: string;
  /** Position in the thread: 1, 2, 3… in the order the server stored them; never by clock. */
  seq: number;
  clientId: string;
  author: PersonRef;
  /** Markdown; null once deleted, or when the stored ciphertext failed authentication (`unreadable`). */
  body: string | null;
  unreadable: boolean;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface ThreadView {
  id: string;
  /** A registered thread kind: `forum`, `private`, or one a library above messaging registered. */
  kind: string;
  network: { id: string; name: string } | null;
  /** null when the stored ciphertext failed authentication (`unreadable`) */
  subject: string | null;
  unreadable: boolean;
  createdBy: PersonRef;
  /** Kinds with participants (private threads): who they are. Others: empty (forum: the network's members). */
  participants: PersonRef[];
  pinned: boolean;
  locked: boolean;
  archived: boolean;
  lastSeq: number;
  lastActivityAt: string;
  /** The caller's read position and the messages by others after it. */
  readSeq: number;
  unread: number;
  /** What the caller may do here. */
  canModerate: boolean;
  canManageParticipants: boolean;
}

export interface SendBody {
  threadId: string;
  /** A UUID the client makes once per message and reuses on every retry. */
  clientId: string;
  body: string;
  /** Readers to notify by name (others are ignored). */
  mentions?: string[];
}

/** A refusal as an acknowledgement carries it: the problem+json the REST route would answer. */
export interface AckProblem {
  status: number;
  type: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
  retryAfterMs?: number;
}

export type SendAck = { ok: true; message: MessageView } | { ok: false; problem: AckProblem };

export interface SyncRequest {
  threads: { threadId: string; lastSeq: number }[];
}

export type SyncResult =
  { threadId: string; ok: true; messages: MessageView[]; hasMore: boolean } | { threadId: string; ok: false };

declare module '../realtime/events' {
  interface ServerEvents {
    'message.created': (message: MessageView) => void;
    'message.edited': (message: MessageView) => void;
    'message.deleted': (message: MessageView) => void;
    'thread.read': (event: { threadId: string; userId: string; seq: number }) => void;
    'thread.typing': (event: { threadId: string; userId: string }) => void;
    'thread.participant-added': (event: { threadId: string; user: PersonRef }) => void;
    'thread.participant-removed': (event: { threadId: string; userId: string }) => void;
    /** A thread the user may read was created or changed (pinned, locked, archived): refetch it. */
    'thread.updated': (event: { threadId: string }) => void;
  }
  interface ClientEvents {
    'message.send': (body: SendBody, ack: (result: SendAck) => void) => void;
    'thread.typing': (body: { threadId: string }) => void;
    /** Joins each thread's room, then answers every message after `lastSeq`, in order (up to a page). */
    'thread.sync': (body: SyncRequest, ack: (result: { ok: boolean; results: SyncResult[] }) => void) => void;
  }
}
