/**
 * The directory's fixed vocabularies, as the API names them, and their labels in the current language.
 * The values are the API's own lists, from @liaison/contracts (categories and channels of an authority, roles
 * of an account).
 */
import type { TFunction } from 'i18next';
import {
  assignableRoles as contractRoles,
  canManageRole,
  CATEGORIES,
  type Category,
  type Channel,
  CHANNELS,
  isRole,
  type Role,
  ROLES,
} from '@liaison/contracts';
import type { Option } from './ui/forms';
import { type Language } from './i18n';
import { languageName, REQUEST_LANGUAGES } from './format';

export { CATEGORIES, CHANNELS, ROLES };
export type { Category, Channel };
export type RoleName = Role;

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export const isCategory = (value: string): value is Category => isOneOf(CATEGORIES, value);
export const isChannel = (value: string): value is Channel => isOneOf(CHANNELS, value);

export function categoryLabel(value: string, t: TFunction): string {
  return isOneOf(CATEGORIES, value) ? t(`categories.${value}`) : value;
}

export function channelLabel(value: string, t: TFunction): string {
  return isOneOf(CHANNELS, value) ? t(`channels.${value}`) : value;
}

export function roleLabel(value: string | null | undefined, t: TFunction): string {
  if (!value) return '';
  return isOneOf(ROLES, value) ? t(`roles.${value}`) : value;
}

export function categoryOptions(t: TFunction): Option[] {
  return CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) }));
}

export function channelOptions(t: TFunction): Option[] {
  return CHANNELS.map((value) => ({ value, label: t(`channels.${value}`) }));
}

export function roleOptions(t: TFunction, roles: readonly RoleName[] = ROLES): Option[] {
  return roles.map((value) => ({ value, label: t(`roles.${value}`) }));
}

/** Request languages by name, sorted in the current language; `extra` adds codes found in the data. */
export function languageOptions(language: Language, extra: readonly string[] = []): Option[] {
  const codes = [...new Set([...REQUEST_LANGUAGES, ...extra])];
  return codes
    .map((code) => ({ value: code, label: languageName(code, language) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}

/** Who may give which role (the API enforces it; this only decides what to offer). */
export function assignableRoles(actor: string): RoleName[] {
  return isRole(actor) ? contractRoles(actor) : [];
}

export function canManage(actor: string, target: string): boolean {
  return isRole(actor) && isRole(target) && canManageRole(actor, target);
}
