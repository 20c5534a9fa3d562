/** The helpdesk's categorical facts (DOMAIN.md, "Helpdesk vocabulary"): stored in clear for the queue and statistics. */

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

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const OUTCOMES = ['unblocked', 'refused', 'withdrawn', 'outside_remit', 'duplicate'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The directory's channels (libs/directory vocabulary) each way of sending a request goes through. */
export const DIRECTORY_CHANNELS: Record<TicketChannel, readonly string[]> = {
  central_authority: ['direct'],
  diplomatic: ['diplomatic'],
  interpol: ['interpol'],
  direct_judicial: ['direct'],
  email_platform: ['email', 'platform'],
};

/** The directory category an authority must handle for a cooperation type; null: no category says. */
export const DIRECTORY_CATEGORY: Record<CooperationType, string | null> = {
  extradition: 'extradition',
  mla: 'mla',
  sentenced_persons: 'sentenced_persons',
  proceedings: null,
  confiscation: 'mla',
  other: null,
};
