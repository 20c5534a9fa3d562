/**
 * The helpdesk's fixed vocabularies (DOMAIN.md, "Helpdesk vocabulary"): the values a ticket's fields may take.
 * The API validates against these lists and the web app offers and labels them, so both name the same values.
 */

/** The workflow's statuses: new → triaged → in progress ⇄ waiting → resolved → closed. */
export const STATUSES = [
  'new',
  'triaged',
  'in_progress',
  'waiting_requester',
  'waiting_counterpart',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof STATUSES)[number];

/** Statuses a ticket is being worked in: it can be resolved (or withdrawn) from any of them. */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'new',
  'triaged',
  'in_progress',
  'waiting_requester',
  'waiting_counterpart',
];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const COOPERATION_TYPES = [
  'extradition',
  'mla',
  'sentenced_persons',
  'proceedings',
  'confiscation',
  'other',
] as const;
export type CooperationType = (typeof COOPERATION_TYPES)[number];

export const OFFENCE_CATEGORIES = [
  'organized_group',
  'laundering',
  'corruption',
  'obstruction',
  'trafficking_persons',
  'smuggling_migrants',
  'firearms',
  'drugs',
  'cybercrime',
  'piracy',
  'cultural_property',
  'other_serious',
] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

export const LEGAL_BASES = [
  'untoc_16',
  'untoc_18',
  'untoc_13',
  'untoc_17',
  'drugs_1988_6',
  'drugs_1988_7',
  'uncac_44',
  'uncac_46',
  'uncac_55',
  'bilateral',
  'regional',
  'domestic_reciprocity',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
/** These name an instrument, which the filing must then give. */
export const NAMED_LEGAL_BASES: readonly LegalBasis[] = ['bilateral', 'regional'];

export const TICKET_CHANNELS = [
  'central_authority',
  'diplomatic',
  'interpol',
  'direct_judicial',
  'email_platform',
] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const BLOCKAGE_REASONS = [
  'no_acknowledgement',
  'no_reply',
  'returned_incomplete',
  'documents_missing',
  'translation',
  'dual_criminality',
  'refused',
  'counterpart_unknown',
  'execution_delayed',
  'other',
] as const;
export type BlockageReason = (typeof BLOCKAGE_REASONS)[number];
/** "No answer since a date": these need the date. */
export const DATED_REASONS: readonly BlockageReason[] = ['no_acknowledgement', 'no_reply'];
/** These need the documents asked for, or what else went wrong, in the details. */
export const DETAILED_REASONS: readonly BlockageReason[] = ['returned_incomplete', 'documents_missing', 'other'];

export const REFUSAL_GROUNDS = [
  'political_offence',
  'discrimination',
  'sovereignty_security',
  'domestic_law',
  'nationality',
  'ne_bis_in_idem',
  'limitation',
  'death_penalty',
  'other',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const URGENCIES = ['custody', 'trial', 'freeze', 'limitation'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const OUTCOMES = ['unblocked', 'refused', 'withdrawn', 'outside_remit', 'duplicate'] as const;
export type Outcome = (typeof OUTCOMES)[number];
