import { ValidationProblem } from './problem';

/**
 * Keyset pagination: a page ends with the sort key of its last row, and the next page starts strictly after
 * it. Stable under inserts and deletes, and as fast on page 100 as on page 1. The cursor is opaque to
 * clients (base64url of the key's values).
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export type CursorPart = 'text' | 'uuid' | 'integer';

const PART: Record<CursorPart, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string',
  uuid: (value) =>
    typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  integer: (value) => (typeof value === 'string' || typeof value === 'number') && /^\d{1,18}$/.test(String(value)),
};

/** The key a cursor carries, each part checked against what the query compares it with; 400 otherwise. */
export function decodeCursor(cursor: string | undefined, parts: CursorPart[]): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (
      Array.isArray(values) &&
      values.length === parts.length &&
      parts.every((part, index) => PART[part](values[index]))
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through
  }
  throw new ValidationProblem([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetch `limit + 1` rows; this trims the extra one and makes the cursor from the last row kept. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(key(items[items.length - 1])) : null };
}
