/** The room of the secretariat's triage queue (only the secretariat joins it). */
export const QUEUE_ROOM = 'helpdesk:queue';

/** The notification kinds of the helpdesk (registered in HelpdeskRegistrations). */
export const NOTICE = {
  filed: 'helpdesk.ticket-filed',
  assigned: 'helpdesk.ticket-assigned',
  statusChanged: 'helpdesk.status-changed',
  publicMessage: 'helpdesk.public-message',
  counterpartInvited: 'helpdesk.counterpart-invited',
} as const;
