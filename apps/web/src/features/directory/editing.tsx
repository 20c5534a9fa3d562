import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '../../format';
import type { en } from './translations/en';

type LabelKey = Extract<keyof (typeof en)['editing'], `f_${string}`>;

/** A record field's label: `contact.phone` → "Telephone"; a field this version does not know, as named. */
export function fieldLabel(field: string, t: TFunction): string {
  const key = `f_${field.replace('.', '_')}`;
  return key in LABELS ? t(`editing.${key as LabelKey}`) : field;
}

const LABELS: Record<LabelKey, true> = {
  f_name: true,
  f_categories: true,
  f_officeHours: true,
  f_timeZone: true,
  f_languages: true,
  f_documentsRequired: true,
  f_channels: true,
  f_acceptsInterpol: true,
  f_urgentProcedure: true,
  f_remarks: true,
  f_contact_address: true,
  f_contact_phone: true,
  f_contact_fax: true,
  f_contact_email: true,
  f_contact_website: true,
  f_contact: true,
  f_lastVerified: true,
  f_focalPoints: true,
  f_centralAuthority: true,
};

type Interval = { start: string; end: string };

/** Office hours as text: one line per open day, `mon 09:00-12:00 14:00-17:00`. */
export function hoursText(hours: Record<string, Interval[] | undefined>): string {
  return WEEKDAYS.filter((day) => (hours[day] ?? []).length > 0)
    .map((day) => `${day} ${(hours[day] ?? []).map((interval) => `${interval.start}-${interval.end}`).join(' ')}`)
    .join('\n');
}

/** Parses `hoursText` back; null when a line is not understood. */
export function parseHours(text: string): Record<string, Interval[]> | null {
  const hours: Record<string, Interval[]> = Object.fromEntries(WEEKDAYS.map((day) => [day, []]));
  for (const line of text
    .split('\n')
    .map((row) => row.trim())
    .filter(Boolean)) {
    const [day, ...ranges] = line.split(/\s+/);
    if (!(WEEKDAYS as readonly string[]).includes(day) || ranges.length === 0) return null;
    for (const range of ranges) {
      const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(range);
      if (!match) return null;
      hours[day].push({ start: match[1], end: match[2] });
    }
  }
  return hours;
}

/** Any field's value as text, for diffs and snapshots. */
export function valueText(value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('editing.empty');
  if (typeof value === 'boolean') return value ? t('editing.yes') : t('editing.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return t('editing.empty');
    return value
      .map((item: unknown) =>
        item && typeof item === 'object' && 'displayName' in item
          ? `${String((item as { displayName: string }).displayName)} <${String((item as { email?: string }).email ?? '')}>`
          : String(item),
      )
      .join(', ');
  }
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (WEEKDAYS.some((day) => day in object))
      return hoursText(object as Record<string, Interval[]>) || t('editing.empty');
    const parts = Object.entries(object)
      .filter(([, item]) => item !== null && item !== undefined && item !== '')
      .map(([key, item]) => `${fieldLabel(`contact.${key}`, t)}: ${String(item)}`);
    return parts.length ? parts.join('\n') : t('editing.empty');
  }
  return String(value);
}

/** A value in a table cell, line breaks kept. */
export function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  return <span className="pre-line">{valueText(value, t)}</span>;
}

/** A field-by-field diff: field, then each column's value. */
export function DiffTable({
  columns,
  rows,
  testId,
}: {
  columns: string[];
  rows: { field: string; values: unknown[]; highlight?: boolean }[];
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table diff-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('editing.field')}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} data-field={row.field} className={row.highlight ? 'diff-table__conflict' : undefined}>
              <th scope="row">
                {fieldLabel(row.field, t)}
                {row.highlight && (
                  <>
                    {' '}
                    <span className="badge badge--bad">{t('editing.conflict')}</span>
                  </>
                )}
              </th>
              {row.values.map((value, index) => (
                <td key={index}>
                  <Value value={value} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Downloads an API file with the signed-in session (a plain link would carry no token). */
export async function download(response: Promise<{ response: Response }>, name: string): Promise<void> {
  const { response: answer } = await response;
  if (!answer.ok) throw new Error(String(answer.status));
  const url = URL.createObjectURL(await answer.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  URL.revokeObjectURL(url);
}
