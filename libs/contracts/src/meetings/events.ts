/**
 * The meetings socket events, shared by the API and the web app. Types only: it
 * must stay free of runtime imports.
 */

/** An invitee answered (for the series when occurrenceId is `*`). */
export interface MeetingAnswered {
  meetingId: string;
  userId: string;
  occurrenceId: string;
  answer: 'accepted' | 'tentative' | 'declined';
}

declare module '../realtime/events' {
  interface ServerEvents {
    /** To the organizer and the network's coordinators, live. */
    'meeting.answered': (event: MeetingAnswered) => void;
  }
}
