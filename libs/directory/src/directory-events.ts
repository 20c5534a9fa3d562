export interface MemberRemoved {
  networkId: string;
  userId: string;
}

export interface CalendarChanged {
  calendarId: string;
}

export interface MemberAdded {
  networkId: string;
  userId: string;
}

declare module '@liaison/platform' {
  interface DomainEventMap {
    /** Published inside the editing transaction: what was counted in working time is re-planned. */
    'directory.calendar-changed': CalendarChanged;
    /** Published inside the adding transaction: meetings invites the person to the network's coming meetings. */
    'directory.member-added': MemberAdded;
    /** Published inside the removing transaction: messaging takes the person out of the network's rooms. */
    'directory.member-removed': MemberRemoved;
  }
}
