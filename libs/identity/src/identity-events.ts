import type { Role } from '@liaison/contracts';

export interface AccountLinkCreated {
  kind: 'invitation' | 'reset';
  linkId: string;
  email: string;
  /** invitation only: what the account will be given, for higher libraries to check */
  role: Role | null;
  authorityId: string | null;
  networkIds: string[];
  createdBy: string;
}

/** A link's token exists and must reach its addressee, by e-mail only. */
export interface AccountLinkReleased {
  kind: 'invitation' | 'reset';
  linkId: string;
  email: string;
  /** The one-time link, with its token. Deliver it, never store or log it in clear. */
  url: string;
  /** The id the e-mail delivery must take: the link follows that delivery's outcome. */
  deliveryId: string;
  createdBy: string;
}

/** The secretariat approved or refused an invitation that needed approval (a coordinator's). */
export interface InvitationDecided {
  linkId: string;
  email: string;
  approved: boolean;
  createdBy: string;
  decidedBy: string;
}

/** A reset link was accepted: the account's password and authenticator changed. */
export interface CredentialsReset {
  userId: string;
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
     * authorities and networks there (the invitation then rolls back). It carries no token.
     */
    'identity.account-link-created': AccountLinkCreated;
    /** Published inside the transaction that gives a link its token: e-mail delivery records the e-mail there. */
    'identity.account-link-released': AccountLinkReleased;
    /** Published inside the deciding transaction: the coordinator who invited is told. */
    'identity.invitation-decided': InvitationDecided;
    /** Published inside the accepting transaction: the address is told its credentials changed. */
    'identity.credentials-reset': CredentialsReset;
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
