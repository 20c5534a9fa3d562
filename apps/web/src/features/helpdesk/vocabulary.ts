/**
 * The helpdesk's fixed vocabularies as the API names them. The value lists are the API's own: import them from
 * @liaison/contracts. Here are their labels (this app's translations) and, in GROUPS, a check of each list
 * against the generated API types, so that a stale `schema.d.ts` fails the typecheck.
 */
import type { TFunction } from 'i18next';
import {
  BLOCKAGE_REASONS,
  COOPERATION_TYPES,
  DATED_REASONS as DATED,
  DETAILED_REASONS as DETAILED,
  LEGAL_BASES,
  NAMED_LEGAL_BASES as NAMED,
  OFFENCE_CATEGORIES,
  OUTCOMES,
  PRIORITIES,
  REFUSAL_GROUNDS,
  STATUSES,
  TICKET_CHANNELS,
  URGENCIES,
} from '@liaison/contracts';
import type { Answer, Payload } from '../../api/client';
import type { Option } from '../../ui/forms';

export type Filing = Payload<'/api/helpdesk/tickets/check', 'post'>;
export type FilingCheck = Answer<'/api/helpdesk/tickets/check', 'post'>;
export type TicketDetail = Answer<'/api/helpdesk/tickets/{id}', 'get'>;
export type TicketSummary = Answer<'/api/helpdesk/tickets', 'get'>['items'][number];
export type TicketStatus = TicketSummary['status'];

type Values<T> = readonly NonNullable<T>[];

/** The form holds plain strings: these are asked whether they include one. */
export const NAMED_LEGAL_BASES: readonly string[] = NAMED;
export const DATED_REASONS: readonly string[] = DATED;
export const DETAILED_REASONS: readonly string[] = DETAILED;
export const SORTS = ['newest', 'oldest', 'due', 'updated', 'priority'] as const;

/** The translation group of each vocabulary, under `helpdesk.`. */
const GROUPS = {
  statuses: STATUSES satisfies Values<TicketStatus>,
  priorities: PRIORITIES satisfies Values<TicketSummary['priority']>,
  cooperation: COOPERATION_TYPES satisfies Values<Filing['cooperationType']>,
  offences: OFFENCE_CATEGORIES satisfies Values<Filing['offenceCategory']>,
  bases: LEGAL_BASES satisfies Values<Filing['legalBasis']>,
  channels: TICKET_CHANNELS satisfies Values<Filing['channel']>,
  reasons: BLOCKAGE_REASONS satisfies Values<Filing['blockageReason']>,
  grounds: REFUSAL_GROUNDS satisfies Values<Filing['refusalGround']>,
  urgencies: URGENCIES satisfies Values<NonNullable<Filing['urgency']>[number]>,
  outcomes: OUTCOMES satisfies Values<TicketDetail['outcome']>,
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
