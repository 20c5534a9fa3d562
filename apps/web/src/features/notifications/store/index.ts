/**
 * The signed-in user's notifications (see `./store.ts` for what it does), wired to the API, the session
 * and the realtime connection, and what the pages need to show them.
 *
 * - `startNotifications()` once at start (main.tsx): from then on the store follows the session.
 * - `useNotifications()`: the unread count, the newest notifications, what arrived live, what was read.
 * - `notifications.markRead(n)` / `notifications.markAllRead()`.
 * - `kindLabel(kind, t)`: the words for a kind of notification (an unknown kind still gets some).
 */
import type { TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import { api, unwrap } from '../../../api/client';
import { onResync, realtime } from '../../../realtime';
import { safeNext } from '../../../router';
import { getSession, subscribe } from '../../../session';
import { createNotifications, type NotificationsSnapshot } from './store';

export { isRead, LATEST, type NotificationsSnapshot, type NotificationView } from './store';

export const notifications = createNotifications(
  {
    latest: (limit) => unwrap(api.GET('/api/notifications', { params: { query: { limit } } })),
    unreadCount: async () => (await unwrap(api.GET('/api/notifications/unread-count'))).unread,
    markRead: async (id) =>
      (await unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } }))).unread,
    markAllRead: async () => (await unwrap(api.POST('/api/notifications/read-all'))).unread,
  },
  {
    userId: () => {
      const session = getSession();
      return session.status === 'signed-in' ? session.user.id : null;
    },
    subscribeSession: subscribe,
    onCreated: (listener) => realtime.on('notification.created', listener),
    onRead: (listener) => realtime.on('notification.read', listener),
    onResync: (listener) => onResync(() => listener()),
    onOnline: (listener) => {
      let state = realtime.getSnapshot().state;
      return realtime.subscribe(() => {
        const next = realtime.getSnapshot().state;
        if (next === 'online' && state !== 'online') listener();
        state = next;
      });
    },
  },
);

/** Once, at start (after startRealtime): follow the session from now on. */
export function startNotifications(): void {
  notifications.start();
}

export function useNotifications(): NotificationsSnapshot {
  return useSyncExternalStore(notifications.subscribe, notifications.getSnapshot);
}

/** The kinds the app has words for, by the key of their words. */
const KINDS = {
  'network.member-added': 'memberAdded',
  'account.role-changed': 'roleChanged',
  'account.invitation': 'invitation',
  'account.password-reset': 'passwordReset',
  'account.invitation-approved': 'invitationApproved',
  'account.invitation-refused': 'invitationRefused',
  'account.credentials-changed': 'credentialsChanged',
  'message.mention': 'mention',
  'thread.new-messages': 'newMessages',
  'meeting.invitation': 'meetingInvitation',
  'meeting.cancelled': 'meetingCancelled',
  'meeting.reminder': 'meetingReminder',
  'meeting.minutes': 'meetingMinutes',
  'helpdesk.ticket-filed': 'ticketFiled',
  'helpdesk.ticket-assigned': 'ticketAssigned',
  'helpdesk.status-changed': 'ticketStatusChanged',
  'helpdesk.public-message': 'ticketMessage',
  'helpdesk.counterpart-invited': 'ticketInvited',
  'helpdesk.sla-warning': 'ticketSlaWarning',
  'directory.proposal-filed': 'proposalFiled',
  'directory.proposal-approved': 'proposalApproved',
  'directory.proposal-rejected': 'proposalRejected',
  'directory.proposal-stale': 'proposalStale',
  'directory.verification-due': 'verificationDue',
} as const;

type KnownKind = keyof typeof KINDS;

function isKnownKind(kind: string): kind is KnownKind {
  return Object.hasOwn(KINDS, kind);
}

/** `network.member-added` → "Added to a network"; a kind this version does not know → "Notification". */
export function kindLabel(kind: string, t: TFunction): string {
  return isKnownKind(kind) ? t(`notifications.kinds.${KINDS[kind]}`) : t('notifications.kinds.unknown');
}

/** A notification's link, if it is a path of this app (it always should be); else the notifications page. */
export function notificationHref(link: string): string {
  return safeNext(link) ?? '/notifications';
}
