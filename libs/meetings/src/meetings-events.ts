/**
 * The meetings socket events, shared with the web app, which may import this file for its types only: it
 * must stay free of runtime imports.
 */

/** An invitee answered (for the series when occurrenceId is `*`). */
export interface MeetingAnswered {
  meetingId: string;
  userId: string;
  occurrenceId: string;
  answer: 'accepted' | 'tentative' | 'declined';
}

declare module '@liaison/realtime' {
  interface ServerEvents {
    /** To the organizer and the network's coordinators, live. */
    'meeting.answered': (event: MeetingAnswered) => void;
  }
}
