// Messaging's in-process domain events: server side only (events.ts is shared with the web app).

/**
 * A message was stored (not a retry): published inside the sending transaction, for the kind's owner, for
 * the kinds registered with `reactsToMessages` only.
 */
export interface MessageSent {
  threadId: string;
  kind: string;
  messageId: string;
  authorId: string;
}

declare module '@liaison/platform' {
  interface DomainEventMap {
    'messaging.message-sent': MessageSent;
  }
}
