export interface MemberRemoved {
  networkId: string;
  userId: string;
}

declare module '@liaison/platform' {
  interface DomainEventMap {
    /** Published inside the removing transaction: messaging takes the person out of the network's rooms. */
    'directory.member-removed': MemberRemoved;
  }
}
