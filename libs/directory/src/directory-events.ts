export interface MemberRemoved {
  networkId: string;
  userId: string;
}

export interface CalendarChanged {
  calendarId: string;
}

declare module '@liaison/platform' {
  interface DomainEventMap {
    /** Published inside the editing transaction: what was counted in working time is re-planned. */
    'directory.calendar-changed': CalendarChanged;
    /** Published inside the removing transaction: messaging takes the person out of the network's rooms. */
    'directory.member-removed': MemberRemoved;
  }
}
