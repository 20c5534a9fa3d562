import type { Role } from './users/role';

export interface AccountLinkCreated {
  kind: 'invitation' | 'reset';
  linkId: string;
  email: string;
  /** invitation only: what the account will be given, for higher libraries to check */
  role: Role | null;
  authorityId: string | null;
  networkIds: string[];
  /** The one-time link, with its token. Deliver it, never store or log it. */
  url: string;
  expiresAt: string;
  createdBy: string;
}

export interface InvitationAccepted {
  invitationId: string;
  userId: string;
  role: Role;
  authorityId: string | null;
  networkIds: string[];
}

export interface RoleChanged {
  userId: string;
  from: Role;
  to: Role;
  changedBy: string;
}

export interface SecondFactorCapped {
  userId: string;
}

export interface SessionRevoked {
  sessionId: string;
  userId: string;
  reason: string;
}

export interface UserSuspended {
  userId: string;
}

declare module '@liaison/platform' {
  interface DomainEventMap {
    /**
     * Published inside the transaction that creates the link: the directory refuses unknown or mismatched
     * authorities and networks there (the invitation then rolls back); e-mail delivery subscribes later.
     */
    'identity.account-link-created': AccountLinkCreated;
    /** Published inside the accepting transaction: the directory attaches memberships there. */
    'identity.invitation-accepted': InvitationAccepted;
    /** Published inside the changing transaction: the directory adjusts network roles there. */
    'identity.role-changed': RoleChanged;
    /**
     * Published inside the transaction that audits it: an account took its hourly cap of wrong second-factor
     * codes, so someone knows its password. Notifications e-mails the holder.
     */
    'identity.second-factor-capped': SecondFactorCapped;
  }
  interface ClusterEventMap {
    /** Every node disconnects the session's sockets. */
    'identity.session-revoked': SessionRevoked;
    /** Every node disconnects all of the user's sockets. */
    'identity.user-suspended': UserSuspended;
  }
}
