/**
 * The statistics as the page shows them: the API's filters from the address bar and back, each count with
 * its label in the current language, and numbers, shares, working hours and months through Intl.
 */
import type { TFunction } from 'i18next';
import {
  BLOCKAGE_REASONS,
  COOPERATION_TYPES,
  LEGAL_BASES,
  OFFENCE_CATEGORIES,
  OUTCOMES,
  REFUSAL_GROUNDS,
  STATUSES,
} from '@liaison/contracts';
import type { Answer } from '../../api/client';
import type { StatisticsQuery } from '../../api/queries';
import { intlLocale, isolate } from '../../format';
import type { Language } from '../../i18n';
import { withQuery } from '../../router';
import { label } from '../helpdesk/vocabulary';

export type { StatisticsQuery };
export type Statistics = Answer<'/api/helpdesk/statistics', 'get'>;
function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** The filters as the address bar holds them (empty: not filtered). */
export interface Filters {
  from: string;
  to: string;
  networkId: string;
  stateCode: string;
  cooperationType: string;
  offenceCategory: string;
  legalBasis: string;
}

export const NO_FILTERS: Filters = {
  from: '',
  to: '',
  networkId: '',
  stateCode: '',
  cooperationType: '',
  offenceCategory: '',
  legalBasis: '',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters of an address's query; a value the API would refuse is dropped rather than sent. */
export function filtersOf(search: string): Filters {
  const params = new URLSearchParams(search);
  const get = (name: keyof Filters, valid: (value: string) => boolean) => {
    const value = params.get(name) ?? '';
    return valid(value) ? value : '';
  };
  return {
    from: get('from', (value) => DAY.test(value)),
    to: get('to', (value) => DAY.test(value)),
    networkId: get('networkId', (value) => /^[0-9a-f-]{36}$/i.test(value)),
    stateCode: get('stateCode', (value) => /^[A-Z]{2}$/.test(value)),
    cooperationType: get('cooperationType', (value) => isOneOf(COOPERATION_TYPES, value)),
    offenceCategory: get('offenceCategory', (value) => isOneOf(OFFENCE_CATEGORIES, value)),
    legalBasis: get('legalBasis', (value) => isOneOf(LEGAL_BASES, value)),
  };
}

export function urlOf(filters: Filters): string {
  return withQuery('/statistics', { ...filters });
}

/** The API's query: the filters that are set. */
export function queryOf(filters: Filters): StatisticsQuery {
  const query: StatisticsQuery = {};
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.networkId) query.networkId = filters.networkId;
  if (filters.stateCode) query.stateCode = filters.stateCode;
  if (isOneOf(COOPERATION_TYPES, filters.cooperationType)) query.cooperationType = filters.cooperationType;
  if (isOneOf(OFFENCE_CATEGORIES, filters.offenceCategory)) query.offenceCategory = filters.offenceCategory;
  if (isOneOf(LEGAL_BASES, filters.legalBasis)) query.legalBasis = filters.legalBasis;
  return query;
}

/** One bar of a chart and one row of its table. */
export interface Row {
  key: string;
  label: string;
  count: number;
}

/** Labels for a vocabulary's keys; a key it does not know (a newer API) is shown as it is. */
function labeller<T extends string>(values: readonly T[], label: (value: T) => string) {
  return (key: string): string => (isOneOf(values, key) ? label(key) : key);
}

/** The filters' choices, in the current language. */
export function filterOptions(t: TFunction) {
  return {
    cooperationType: COOPERATION_TYPES.map((value) => ({ value, label: label('cooperation', value, t) })),
    offenceCategory: OFFENCE_CATEGORIES.map((value) => ({ value, label: label('offences', value, t) })),
    legalBasis: LEGAL_BASES.map((value) => ({ value, label: label('bases', value, t) })),
  };
}

export interface Shaped {
  byStatus: Row[];
  byOutcome: Row[];
  byCooperationType: Row[];
  byOffenceCategory: Row[];
  byLegalBasis: Row[];
  byLegalInstrument: Row[];
  byBlockageReason: Row[];
  byRefusalGround: Row[];
  byStatePair: Row[];
}

/**
 * Every count with its label. Statuses keep the workflow's order (new first); the other lists keep the
 * API's, most frequent first. State pairs are named by the States' names when known.
 */
export function shape(statistics: Statistics, t: TFunction, stateNames: ReadonlyMap<string, string>): Shaped {
  const rows = (items: Statistics['byStatus'], label: (key: string) => string): Row[] =>
    items.map((item) => ({ key: item.key, label: label(item.key), count: item.count }));
  const workflowOrder = (key: string) => {
    const index = (STATUSES as readonly string[]).indexOf(key);
    return index < 0 ? STATUSES.length : index;
  };
  const state = (code: string) => isolate(stateNames.get(code) ?? code);
  return {
    byStatus: rows(
      [...statistics.byStatus].sort((a, b) => workflowOrder(a.key) - workflowOrder(b.key)),
      labeller(STATUSES, (value) => label('statuses', value, t)),
    ),
    byOutcome: rows(
      statistics.byOutcome,
      labeller(OUTCOMES, (value) => label('outcomes', value, t)),
    ),
    byCooperationType: rows(
      statistics.byCooperationType,
      labeller(COOPERATION_TYPES, (value) => label('cooperation', value, t)),
    ),
    byOffenceCategory: rows(
      statistics.byOffenceCategory,
      labeller(OFFENCE_CATEGORIES, (value) => label('offences', value, t)),
    ),
    byLegalBasis: rows(
      statistics.byLegalBasis,
      labeller(LEGAL_BASES, (value) => label('bases', value, t)),
    ),
    // Typed by filers: shown as typed.
    byLegalInstrument: rows(statistics.byLegalInstrument, (key) => key),
    byBlockageReason: rows(
      statistics.byBlockageReason,
      labeller(BLOCKAGE_REASONS, (value) => label('reasons', value, t)),
    ),
    byRefusalGround: rows(
      statistics.byRefusalGround,
      labeller(REFUSAL_GROUNDS, (value) => label('grounds', value, t)),
    ),
    byStatePair: statistics.byStatePair.map((pair) => ({
      key: `${pair.requesterStateCode}-${pair.requestedStateCode}`,
      label: t('statistics.statePair', {
        from: state(pair.requesterStateCode),
        to: state(pair.requestedStateCode),
      }),
      count: pair.count,
    })),
  };
}

export function formatCount(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

/** A share from 0 to 1 as a percentage. */
export function formatShare(share: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** Working hours, to a tenth under 10 hours and whole above, in the language's digits. */
export function formatHours(hours: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: hours < 10 ? 1 : 0 }).format(hours);
}

/** `2026-11` as the language names that month ("Nov 2026", "nov. 2026", "نوفمبر 2026"). */
export function formatMonth(month: string, language: Language, style: 'short' | 'long' = 'short'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlLocale(language), { month: style, year: 'numeric', timeZone: 'UTC' }).format(date);
}
