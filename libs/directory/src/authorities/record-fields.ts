import type { Authority, ContactDetails } from './authority.entity';

/** The contact's sub-fields: each one is a field of its own for proposals, merges and diffs. */
export const CONTACT_FIELDS = ['address', 'phone', 'fax', 'email', 'website'] as const;

/**
 * The fields of a record that proposals change, versions keep and diffs compare: each top-level field, and
 * each contact sub-field on its own (`contact.phone`). The State, the demo flag and the date last verified
 * are not among them.
 */
export const RECORD_FIELDS = [
  'name',
  'categories',
  'officeHours',
  'timeZone',
  'languages',
  'documentsRequired',
  'channels',
  'acceptsInterpol',
  'urgentProcedure',
  'remarks',
  ...CONTACT_FIELDS.map((field) => `contact.${field}` as const),
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** A record's values by field; a missing contact sub-field is null. */
export type FlatRecord = Partial<Record<RecordField, unknown>>;

export function isRecordField(field: string): field is RecordField {
  return (RECORD_FIELDS as readonly string[]).includes(field);
}

/** The record's fields, flattened. */
export function flatten(authority: Pick<Authority, Exclude<RecordField, `contact.${string}`> | 'contact'>): FlatRecord {
  const flat: FlatRecord = {};
  for (const field of RECORD_FIELDS) {
    if (field.startsWith('contact.')) {
      const sub = field.slice('contact.'.length) as keyof ContactDetails;
      flat[field] = authority.contact?.[sub] ?? null;
    } else {
      flat[field] = (authority as unknown as Record<string, unknown>)[field] ?? null;
    }
  }
  return flat;
}

/**
 * The flat fields an edit names: top-level fields given, and for a given `contact` every sub-field (one left
 * out is cleared, as the form sends the whole contact) or, `partialContact`, only the sub-fields it holds.
 */
export function flattenInput(input: Record<string, unknown>, options: { partialContact?: boolean } = {}): FlatRecord {
  const flat: FlatRecord = {};
  for (const field of RECORD_FIELDS) {
    if (field.startsWith('contact.')) {
      const contact = input.contact as Record<string, unknown> | undefined;
      if (contact === undefined || contact === null) continue;
      const sub = field.slice('contact.'.length);
      if (options.partialContact && !(sub in contact)) continue;
      const value = contact[sub];
      flat[field] = value === undefined || value === '' ? null : value;
    } else if (input[field] !== undefined) {
      flat[field] = input[field];
    }
  }
  return flat;
}

/** Writes flat values onto the entity (contact sub-fields into a new contact object). */
export function applyFlat(authority: Authority, values: FlatRecord): void {
  const contact: Record<string, unknown> = { ...authority.contact };
  for (const [field, value] of Object.entries(values) as [RecordField, unknown][]) {
    if (field.startsWith('contact.')) {
      const sub = field.slice('contact.'.length);
      if (value === null || value === undefined) delete contact[sub];
      else contact[sub] = value;
    } else {
      (authority as unknown as Record<string, unknown>)[field] = value;
    }
  }
  authority.contact = contact as ContactDetails;
}

/** JSON with object keys sorted, so that jsonb's key order never makes equal values differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export interface FieldChange {
  field: RecordField;
  from: unknown;
  to: unknown;
}

/** The fields whose values differ between two flat records, in field order. */
export function diff(from: FlatRecord, to: FlatRecord): FieldChange[] {
  return RECORD_FIELDS.filter((field) => field in to && !sameValue(from[field], to[field])).map((field) => ({
    field,
    from: from[field] ?? null,
    to: to[field] ?? null,
  }));
}

export interface MergeResult {
  /** What to write. */
  apply: FlatRecord;
  /** Fields changed by someone else since the proposal was based on the record, to a different value. */
  conflicts: RecordField[];
}

/**
 * Three-way merge of a proposal onto the current record. A field is taken when the record still holds the
 * value the proposal was based on (or already holds the proposed value); otherwise it conflicts, unless the
 * reviewer's `edits` decide it. Nothing is ever overwritten silently.
 */
export function merge(
  current: FlatRecord,
  base: FlatRecord,
  proposed: FlatRecord,
  edits: FlatRecord = {},
): MergeResult {
  const apply: FlatRecord = {};
  const conflicts: RecordField[] = [];
  for (const field of RECORD_FIELDS) {
    if (field in edits) {
      apply[field] = edits[field];
    } else if (field in proposed) {
      if (sameValue(current[field], base[field]) || sameValue(current[field], proposed[field]))
        apply[field] = proposed[field];
      else conflicts.push(field);
    }
  }
  return { apply, conflicts };
}
