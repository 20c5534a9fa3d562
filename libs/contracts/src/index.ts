/**
 * What the API and the web app agree on: the socket event maps and payloads, the fixed vocabularies (the
 * directory's and the helpdesk's), the password rule and messaging's client sync module. No NestJS, no TypeORM,
 * no Node built-ins: the web app bundles it, and it is the only library the web app may import.
 */
export { SOCKET_PATH } from './realtime/events';
export type { ClientEvents, ReauthResult, RefusalCode, ResyncSignal, ServerEvents } from './realtime/events';
export type { NotificationView } from './notifications/events';
export type { TicketChanged } from './helpdesk/events';
export {
  BLOCKAGE_REASONS,
  COOPERATION_TYPES,
  DATED_REASONS,
  DETAILED_REASONS,
  LEGAL_BASES,
  NAMED_LEGAL_BASES,
  OFFENCE_CATEGORIES,
  OPEN_STATUSES,
  OUTCOMES,
  PRIORITIES,
  REFUSAL_GROUNDS,
  STATUSES,
  TICKET_CHANNELS,
  URGENCIES,
} from './helpdesk/vocabulary';
export type {
  BlockageReason,
  CooperationType,
  LegalBasis,
  OffenceCategory,
  Outcome,
  Priority,
  RefusalGround,
  TicketChannel,
  TicketStatus,
  Urgency,
} from './helpdesk/vocabulary';
export type { MeetingAnswered } from './meetings/events';
export type {
  AckProblem,
  MessageView,
  PersonRef,
  SendAck,
  SendBody,
  SyncRequest,
  SyncResult,
  ThreadView,
} from './messaging/events';
export { SendRefused, ThreadSync } from './messaging/client';
export type { SyncSocket, ThreadSyncOptions } from './messaging/client';
export { CATEGORIES, CHANNELS, CLOSED_WEEK, WEEKDAYS } from './directory/vocabulary';
export type { Category, Channel, OfficeHours, OpeningInterval, Weekday } from './directory/vocabulary';
export { ROLES, GLOBAL_ROLES, assignableRoles, canChangeRole, canManageRole, isRole } from './identity/role';
export type { Role } from './identity/role';
export { PASSWORD_MAX, PASSWORD_MIN, passwordLengthProblem } from './identity/password-rule';
