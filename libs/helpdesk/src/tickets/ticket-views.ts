import type { SlaOutcome } from '../sla/sla.policy';
import type { TicketStatus } from '../workflow/workflow.policy';
import type { FilingWarning } from './filing.policy';
import type { TicketRelation } from './ticket-access';

export interface Ref {
  id: string;
  name: string;
}

/** A ticket as the queue lists it: categorical facts only, no free text. */
export interface TicketSummary {
  id: string;
  reference: string;
  status: TicketStatus;
  priority: string;
  requesterAuthority: Ref;
  requesterStateCode: string;
  requestedStateCode: string;
  requestedAuthority: Ref | null;
  cooperationType: string;
  offenceCategory: string;
  blockageReason: string;
  urgency: string[];
  deadline: string | null;
  assignee: Ref | null;
  /** The next SLA deadline of a running clock; null while paused (waiting on the requester) or stopped. */
  dueAt: string | null;
  sla: SlaView;
  /** A running clock is past its deadline. */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SlaView {
  /** Until the secretariat's first public message. */
  responseDueAt: string | null;
  /** Capped by the deadline date given at filing. */
  resolutionDueAt: string | null;
  firstResponseAt: string | null;
  /** Working time to the first response, and to resolution (pauses excluded), once they happened. */
  responseWorkingSeconds: number | null;
  resolutionWorkingSeconds: number | null;
  /** The clock waits on the requester. */
  paused: boolean;
  /** The targets for the ticket's priority, in working hours; null when none was planned yet. */
  responseTargetHours: number | null;
  resolutionTargetHours: number | null;
  /**
   * Whether a finished clock met its target (resolution: also before the deadline date); null while it
   * runs, when the ticket was resolved unanswered, or without a target.
   */
  responseOutcome: SlaOutcome | null;
  resolutionOutcome: SlaOutcome | null;
}

export interface TimelineEntry {
  id: string;
  actor: Ref | null;
  action: string;
  oldValue: string | null;
  newValue: string | null;
  at: string;
}

export interface TicketDetail extends TicketSummary {
  legalBasis: string;
  legalInstrument: string | null;
  dateSent: string;
  channel: string;
  blockedSince: string | null;
  refusalGround: string | null;
  /** Free text, decrypted for the reader; null when it does not decrypt (`unreadable`). */
  description: string | null;
  requesterReference: string | null;
  blockageDetails: string | null;
  unreadable: boolean;
  outcome: string | null;
  outcomeGround: string | null;
  duplicateOf: { id: string; reference: string } | null;
  networks: Ref[];
  counterparts: Ref[];
  timeline: TimelineEntry[];
  publicThreadId: string;
  /** The internal notes' thread: for the secretariat only, null for everyone else. */
  internalThreadId: string | null;
  /** How the caller relates to the ticket, and what they may do. */
  viewer: TicketRelation;
  allowedTransitions: TicketStatus[];
  canWithdraw: boolean;
  /** What the directory says of the requested authority, and where the filing disagrees with it. */
  requestedAuthorityFacts: AuthorityFacts | null;
  warnings: FilingWarning[];
}

export interface AuthorityFacts {
  id: string;
  name: string;
  stateCode: string;
  documentsRequired: string[];
  channels: string[];
  languages: string[];
  categories: string[];
  acceptsInterpol: boolean;
}

export interface FilingCheck {
  missing: { field: string; message: string }[];
  warnings: FilingWarning[];
  requestedAuthority: AuthorityFacts | null;
  /** The networks both States share; empty: the filing must choose one (`networkId`). */
  sharedNetworks: Ref[];
}
