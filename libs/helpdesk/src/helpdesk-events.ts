/** The room of the secretariat's triage queue (only the secretariat joins it). */
export const QUEUE_ROOM = 'helpdesk:queue';
