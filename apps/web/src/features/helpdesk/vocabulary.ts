/**
 * The helpdesk's fixed vocabularies as the API names them (libs/helpdesk/src/vocabulary.ts), checked against
 * the generated API types so that a value the API drops or renames fails the typecheck here.
 */
import type { TFunction } from 'i18next';
import type { Answer, Payload } from '../../api/client';
import type { Option } from '../../ui/forms';

export type Filing = Payload<'/api/helpdesk/tickets/check', 'post'>;
export type FilingCheck = Answer<'/api/helpdesk/tickets/check', 'post'>;
export type TicketDetail = Answer<'/api/helpdesk/tickets/{id}', 'get'>;
export type TicketSummary = Answer<'/api/helpdesk/tickets', 'get'>['items'][number];
export type TicketStatus = TicketSummary['status'];

type Values<T> = readonly NonNullable<T>[];

export const STATUSES = [
  'new',
  'triaged',
  'in_progress',
  'waiting_requester',
  'waiting_counterpart',
  'resolved',
  'closed',
] as const satisfies Values<TicketStatus>;
export const OPEN_STATUSES = STATUSES.filter((status) => status !== 'resolved' && status !== 'closed');
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies Values<TicketSummary['priority']>;
export const COOPERATION_TYPES = [
  'extradition',
  'mla',
  'sentenced_persons',
  'proceedings',
  'confiscation',
  'other',
] as const satisfies Values<Filing['cooperationType']>;
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
] as const satisfies Values<Filing['offenceCategory']>;
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
] as const satisfies Values<Filing['legalBasis']>;
/** These name an instrument, which the filing must then give. */
export const NAMED_LEGAL_BASES: readonly string[] = ['bilateral', 'regional'];
export const TICKET_CHANNELS = [
  'central_authority',
  'diplomatic',
  'interpol',
  'direct_judicial',
  'email_platform',
] as const satisfies Values<Filing['channel']>;
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
] as const satisfies Values<Filing['blockageReason']>;
export const DATED_REASONS: readonly string[] = ['no_acknowledgement', 'no_reply'];
export const DETAILED_REASONS: readonly string[] = ['returned_incomplete', 'documents_missing', 'other'];
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
] as const satisfies Values<Filing['refusalGround']>;
export const URGENCIES = ['custody', 'trial', 'freeze', 'limitation'] as const satisfies Values<
  NonNullable<Filing['urgency']>[number]
>;
export const OUTCOMES = ['unblocked', 'refused', 'withdrawn', 'outside_remit', 'duplicate'] as const satisfies Values<
  TicketDetail['outcome']
>;
export const SORTS = ['newest', 'oldest', 'due', 'updated', 'priority'] as const;

/** The translation group of each vocabulary, under `helpdesk.`. */
const GROUPS = {
  statuses: STATUSES,
  priorities: PRIORITIES,
  cooperation: COOPERATION_TYPES,
  offences: OFFENCE_CATEGORIES,
  bases: LEGAL_BASES,
  channels: TICKET_CHANNELS,
  reasons: BLOCKAGE_REASONS,
  grounds: REFUSAL_GROUNDS,
  urgencies: URGENCIES,
  outcomes: OUTCOMES,
} as const;
export type Group = keyof typeof GROUPS;

/**
 * `t` for a key built from an API value: the value is first checked against the vocabularies above (or the
 * English strings), which the key type cannot see through.
 */
export function words(t: TFunction): (key: string, options?: Record<string, unknown>) => string {
  return t as unknown as (key: string, options?: Record<string, unknown>) => string;
}

/** A value's words; a value this version does not know is shown as the API gave it. */
export function label(group: Group, value: string | null | undefined, t: TFunction): string {
  if (!value) return '';
  return (GROUPS[group] as readonly string[]).includes(value) ? words(t)(`helpdesk.${group}.${value}`) : value;
}

export function options(group: Group, t: TFunction, values: readonly string[] = GROUPS[group]): Option[] {
  return values.map((value) => ({ value, label: label(group, value, t) }));
}
