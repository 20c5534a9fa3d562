/**
 * @jest-environment jsdom
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { setLanguage } from '../../i18n';
import { BarFigure, canDraw, resetCanDraw, TrendFigure, wrapLabel } from './charts';
import { filtersOf, formatHours, formatMonth, queryOf, shape, type Statistics } from './shape';

const t = i18next.t.bind(i18next);

const STATISTICS: Statistics = {
  timeZone: 'Europe/Vienna',
  total: 5,
  byStatus: [
    { key: 'resolved', count: 1 },
    { key: 'new', count: 3 },
    { key: 'in_progress', count: 1 },
  ],
  byOutcome: [{ key: 'refused', count: 1 }],
  byCooperationType: [
    { key: 'mla', count: 4 },
    { key: 'extradition', count: 1 },
  ],
  byOffenceCategory: [{ key: 'corruption', count: 5 }],
  byLegalBasis: [
    { key: 'untoc_18', count: 3 },
    { key: 'some_future_basis', count: 2 },
  ],
  conventionBasis: { count: 3, share: 0.6 },
  byLegalInstrument: [{ key: "'=HYPERLINK(1)", count: 1 }],
  byBlockageReason: [{ key: 'no_reply', count: 5 }],
  byRefusalGround: [{ key: 'political_offence', count: 1 }],
  byStatePair: [{ requesterStateCode: 'MU', requestedStateCode: 'FR', count: 5 }],
  firstResponse: { count: 2, medianHours: 3.25, p90Hours: 30.4 },
  resolution: { count: 1, medianHours: 120, p90Hours: 120 },
  trend: [
    { month: '2026-10', filed: 2, resolved: 0, medianResolutionHours: null },
    { month: '2026-11', filed: 3, resolved: 1, medianResolutionHours: 120 },
  ],
};

const cellTexts = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

afterEach(() => {
  setLanguage('en', false);
  resetCanDraw();
  jest.restoreAllMocks();
});

describe('statistics data shaping', () => {
  it('labels every count in the current language, keeps the workflow order and names State pairs', () => {
    setLanguage('en', false);
    const shaped = shape(STATISTICS, t, new Map([['MU', 'Mauritius']]));
    expect(shaped.byStatus.map((row) => row.label)).toEqual(['New', 'In progress', 'Resolved']);
    expect(shaped.byCooperationType.map((row) => [row.label, row.count])).toEqual([
      ['Mutual legal assistance', 4],
      ['Extradition', 1],
    ]);
    // A key this app does not know yet, and an instrument as typed by the filer, are shown as they are.
    expect(shaped.byLegalBasis.map((row) => row.label)).toEqual([
      'UNTOC, article 18 (mutual legal assistance)',
      'some_future_basis',
    ]);
    expect(shaped.byLegalInstrument[0].label).toBe("'=HYPERLINK(1)");
    expect(shaped.byStatePair).toEqual([{ key: 'MU-FR', label: '\u2068Mauritius\u2069 → \u2068FR\u2069', count: 5 }]);

    setLanguage('fr', false);
    expect(shape(STATISTICS, t, new Map()).byOutcome[0].label).toBe('Refusée');
  });

  it('formats months and working hours with Intl in the page’s language', () => {
    expect(formatMonth('2026-11', 'en', 'long')).toBe('November 2026');
    expect(formatMonth('2026-11', 'fr', 'long')).toBe('novembre 2026');
    expect(formatMonth('2026-11', 'ar', 'long')).toBe(
      new Intl.DateTimeFormat('ar', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 1)),
    );
    expect(formatMonth('not a month', 'en')).toBe('not a month');
    expect(formatHours(3.25, 'en')).toBe('3.3');
    expect(formatHours(30.4, 'fr')).toBe('30');
    expect(formatHours(1234, 'fr')).toBe(new Intl.NumberFormat('fr').format(1234));
  });

  it('reads the filters from the address, dropping what the API would refuse', () => {
    const filters = filtersOf(
      '?from=2026-01-01&to=yesterday&stateCode=MU&cooperationType=mla&legalBasis=nonsense&networkId=x',
    );
    expect(queryOf(filters)).toEqual({ from: '2026-01-01', stateCode: 'MU', cooperationType: 'mla' });
    expect(queryOf(filtersOf(''))).toEqual({});
  });

  it('wraps long axis labels into a few whole-word lines, so similar ones stay apart', () => {
    expect(wrapLabel('Extradition')).toEqual(['Extradition']);
    expect(wrapLabel('اتفاقية الجريمة المنظمة، المادة 16 (التسليم)')).toEqual([
      'اتفاقية الجريمة',
      'المنظمة، المادة 16',
      '(التسليم)',
    ]);
    expect(wrapLabel('Transfer of sentenced persons to their own States', 12, 2)).toEqual([
      'Transfer of',
      'sentenced…',
    ]);
    expect(wrapLabel('Supercalifragilistic', 8)).toEqual(['Superca…']);
  });
});

describe('statistics figures where no canvas can be drawn', () => {
  beforeEach(() => {
    // jsdom has no 2D context, as a browser with canvas blocked.
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });

  it('gives each chart a captioned figure and a table with the same numbers', () => {
    setLanguage('en', false);
    const rows = shape(STATISTICS, t, new Map()).byCooperationType;
    render(<BarFigure title="Cases by type of cooperation" rows={rows} testId="chart" />);
    expect(canDraw()).toBe(false);
    const figure = screen.getByRole('figure', { name: 'Cases by type of cooperation' });
    expect(figure.querySelector('canvas')).toBeNull();
    // With no chart to look at, the table is shown to everyone.
    expect(figure.querySelector('.visually-hidden')).toBeNull();
    const table = within(figure).getByRole('table', { name: 'Cases by type of cooperation' });
    const [, ...body] = within(table).getAllByRole('row');
    expect(body.map((row) => [within(row).getByRole('rowheader').textContent, ...cellTexts(row)])).toEqual([
      ['Mutual legal assistance', '4'],
      ['Extradition', '1'],
    ]);
  });

  it('writes the trend’s months, counts and hours in Arabic', () => {
    setLanguage('ar', false);
    render(<TrendFigure title="trend" trend={STATISTICS.trend} testId="trend" />);
    const rows = within(screen.getByRole('table', { name: 'trend' })).getAllByRole('row');
    const arabic = new Intl.NumberFormat('ar');
    expect(within(rows[2]).getByRole('rowheader').textContent).toBe(formatMonth('2026-11', 'ar', 'long'));
    expect(cellTexts(rows[2])).toEqual([arabic.format(3), arabic.format(1), `${arabic.format(120)} ساعة عمل`]);
    expect(cellTexts(rows[1])[2]).toBe('—');
  });
});

describe('statistics figures when drawing fails', () => {
  it('keeps the caption and shows the table instead of throwing', () => {
    // A context that is not a real one: Chart.js fails when it starts drawing.
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
      return { canvas: this } as unknown as CanvasRenderingContext2D;
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    setLanguage('en', false);
    const rows = shape(STATISTICS, t, new Map()).byStatus;
    render(<BarFigure title="Cases by status" rows={rows} testId="chart" />);
    expect(canDraw()).toBe(true);
    const figure = screen.getByRole('figure', { name: 'Cases by status' });
    expect(figure.querySelector('canvas')).toBeNull();
    expect(figure.querySelector('.visually-hidden table')).toBeNull();
    expect(within(figure).queryByRole('button')).toBeNull();
    expect(
      within(figure)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['New', 'In progress', 'Resolved']);
  });
});
