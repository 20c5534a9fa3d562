/**
 * The helpdesk's socket events, shared by the API and the web app. Types only. They carry a ticket's id,
 * reference and status, never a case fact.
 */

export interface TicketChanged {
  ticketId: string;
  reference: string;
  status: string;
}

declare module '../realtime/events' {
  interface ServerEvents {
    /** A ticket was filed or changed: the triage queue refetches it. */
    'helpdesk.ticket-changed': (event: TicketChanged) => void;
  }
}
