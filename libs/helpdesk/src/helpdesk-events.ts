/**
 * The helpdesk's socket events, shared with the web app, which imports this file for its types only: it
 * must stay free of runtime imports. They carry a ticket's id, reference and status, never a case fact.
 */

export interface TicketChanged {
  ticketId: string;
  reference: string;
  status: string;
}

/** The room of the secretariat's triage queue (only the secretariat joins it). */
export const QUEUE_ROOM = 'helpdesk:queue';

declare module '@liaison/realtime' {
  interface ServerEvents {
    /** A ticket was filed or changed: the triage queue refetches it. */
    'helpdesk.ticket-changed': (event: TicketChanged) => void;
  }
}
