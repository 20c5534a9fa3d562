/**
 * The notification payloads and socket events, shared by the API and the web app. Types only: it must stay
 * free of runtime imports.
 */

/** A notification as its recipient sees it: what happened, where, who did it, and where to look. */
export interface NotificationView {
  id: string;
  kind: string;
  network: { id: string; name: string } | null;
  actor: { id: string; displayName: string } | null;
  /** A case's reference (a helpdesk ticket's `HD-2026-00042`), or null. */
  reference: string | null;
  /** A path in the web app */
  link: string;
  createdAt: string;
  readAt: string | null;
}

declare module '../realtime/events' {
  interface ServerEvents {
    /** A new notification for this user, with their unread count after it. */
    'notification.created': (event: { notification: NotificationView; unread: number }) => void;
    /** The user read notifications (in any tab): their unread count now. */
    'notification.read': (event: { unread: number }) => void;
  }
}
