/**
 * The statistics' charts: each a figure with its caption, a Chart.js canvas (hidden from assistive
 * technology) and a table with the same numbers, which screen readers read and anyone can show. Only the
 * parts of Chart.js used here are registered, so the rest stays out of the bundle. Where a canvas cannot be
 * drawn (no 2D context), the figure keeps its caption and table.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  type ChartData,
  type ChartOptions,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { Component, type ReactNode, useId, useMemo, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../../format';
import { type Language, useLanguage } from '../../i18n';
import type { Statistics } from './shape';
import { formatCount, formatHours, formatMonth, type Row } from './shape';

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Whether this browser draws on a canvas (jsdom, or a browser with canvas blocked, does not). */
let drawable: boolean | undefined;
export function canDraw(): boolean {
  if (drawable === undefined) {
    try {
      drawable = typeof document !== 'undefined' && document.createElement('canvas').getContext('2d') !== null;
    } catch {
      drawable = false;
    }
  }
  return drawable;
}

/** For tests: forget what `canDraw` found. */
export function resetCanDraw(): void {
  drawable = undefined;
}

/** A chart that fails to draw is taken away; its figure then shows its table (`onFail`). */
class Fallback extends Component<{ children: ReactNode; onFail: () => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onFail();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** The page's own colours and font, read from its style sheet (so dark mode applies to the charts). */
function theme() {
  const root = getComputedStyle(document.documentElement);
  const variable = (name: string, fallback: string) => root.getPropertyValue(name).trim() || fallback;
  return {
    bar: variable('--color-accent', '#1d5fa3'),
    second: variable('--color-up', '#1e6b34'),
    text: variable('--color-text', '#1b2330'),
    grid: variable('--color-border', '#d5dbe4'),
    font: getComputedStyle(document.body).fontFamily,
  };
}

const LINE_LENGTH = 20;
const MAX_LINES = 3;

/**
 * An axis label in lines short enough for a phone (words kept whole, a word too long cut), at most three;
 * what does not fit ends in "…". The tooltip and the table give it in full.
 */
export function wrapLabel(label: string, length = LINE_LENGTH, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if ([...candidate].length <= length) line = candidate;
    else {
      if (line) lines.push(line);
      line = [...word].length > length ? `${[...word].slice(0, length - 1).join('')}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = [...kept[maxLines - 1]];
  kept[maxLines - 1] = `${last.slice(0, Math.min(last.length, length - 1)).join('')}…`;
  return kept;
}

function Figure({
  title,
  testId,
  chart,
  table,
}: {
  title: string;
  testId: string;
  chart: ReactNode;
  table: (captionId: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);
  const [failed, setFailed] = useState(false);
  const draw = canDraw() && !failed;
  return (
    <figure className="chart panel" aria-labelledby={captionId} data-testid={testId}>
      <figcaption id={captionId} className="chart__caption">
        {title}
      </figcaption>
      {draw && <Fallback onFail={() => setFailed(true)}>{chart}</Fallback>}
      {draw && (
        <button
          type="button"
          className="button chart__toggle"
          aria-controls={tableId}
          aria-expanded={showTable}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable ? t('statistics.hideTable') : t('statistics.showTable')}
        </button>
      )}
      {draw && !showTable ? (
        <div id={tableId} className="visually-hidden">
          {table(captionId)}
        </div>
      ) : (
        // Scrolls sideways when the table is wider than a phone: reachable by keyboard then.
        <div id={tableId} className="table-wrap" tabIndex={0} role="group" aria-labelledby={captionId}>
          {table(captionId)}
        </div>
      )}
    </figure>
  );
}

function barOptions(language: Language, rtl: boolean, labels: readonly string[]): ChartOptions<'bar'> {
  const colors = theme();
  const font = { family: colors.font };
  return {
    indexAxis: 'y',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale: intlLocale(language),
    plugins: {
      legend: { display: false },
      tooltip: {
        rtl,
        textDirection: rtl ? 'rtl' : 'ltr',
        callbacks: { title: (items) => (items[0] ? (labels[items[0].dataIndex] ?? '') : '') },
      },
    },
    scales: {
      // Right to left: bars grow from the right edge, labels on the right.
      x: {
        reverse: rtl,
        beginAtZero: true,
        ticks: { precision: 0, color: colors.text, font },
        grid: { color: colors.grid },
      },
      y: { position: rtl ? 'right' : 'left', ticks: { color: colors.text, font }, grid: { display: false } },
    },
  };
}

/** The height a horizontal bar chart needs, so each bar and its label's lines stay readable. */
export function barChartHeight(labels: readonly (readonly string[])[]): number {
  const rows = labels.reduce((sum, lines) => sum + Math.max(32, lines.length * 16 + 8), 0);
  return Math.max(rows, 64) + 48;
}

/** Counts as horizontal bars, most frequent first, with their table. */
export function BarFigure({ title, rows, testId }: { title: string; rows: readonly Row[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const rtl = i18n.dir(language) === 'rtl';
  const labels = rows.map((row) => row.label);
  const wrapped = useMemo(() => rows.map((row) => wrapLabel(row.label)), [rows]);
  const data = useMemo<ChartData<'bar', number[], string[]>>(
    () => ({
      labels: wrapped,
      datasets: [{ label: t('statistics.count'), data: rows.map((row) => row.count), backgroundColor: theme().bar }],
    }),
    [rows, wrapped, t],
  );
  return (
    <Figure
      title={title}
      testId={testId}
      chart={
        <div className="chart__canvas" aria-hidden="true" style={{ blockSize: `${barChartHeight(wrapped)}px` }}>
          <Bar
            key={`${language}`}
            data={data}
            options={barOptions(language, rtl, labels)}
            role="presentation"
            aria-hidden="true"
          />
        </div>
      }
      table={(captionId) => (
        <table className="table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{t('statistics.value')}</th>
              <th scope="col" className="chart__number">
                {t('statistics.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="break">
                  <bdi>{row.label}</bdi>
                </th>
                <td className="chart__number">{formatCount(row.count, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}

/** Filed and resolved cases month by month, oldest first (from the right in Arabic). */
export function TrendFigure({ title, trend, testId }: { title: string; trend: Statistics['trend']; testId: string }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const rtl = i18n.dir(language) === 'rtl';
  const data = useMemo<ChartData<'bar'>>(() => {
    const colors = theme();
    return {
      labels: trend.map((month) => formatMonth(month.month, language)),
      datasets: [
        { label: t('statistics.filed'), data: trend.map((month) => month.filed), backgroundColor: colors.bar },
        { label: t('statistics.resolved'), data: trend.map((month) => month.resolved), backgroundColor: colors.second },
      ],
    };
  }, [trend, language, t]);
  const colors = theme();
  const font = { family: colors.font };
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale: intlLocale(language),
    plugins: {
      legend: { rtl, textDirection: rtl ? 'rtl' : 'ltr', labels: { color: colors.text, font } },
      tooltip: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
    },
    scales: {
      x: { reverse: rtl, ticks: { color: colors.text, font }, grid: { display: false } },
      y: {
        position: rtl ? 'right' : 'left',
        beginAtZero: true,
        ticks: { precision: 0, color: colors.text, font },
        grid: { color: colors.grid },
      },
    },
  };
  return (
    <Figure
      title={title}
      testId={testId}
      chart={
        <div className="chart__canvas chart__canvas--trend" aria-hidden="true">
          <Bar key={language} data={data} options={options} role="presentation" aria-hidden="true" />
        </div>
      }
      table={(captionId) => (
        <table className="table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{t('statistics.month')}</th>
              <th scope="col" className="chart__number">
                {t('statistics.filed')}
              </th>
              <th scope="col" className="chart__number">
                {t('statistics.resolved')}
              </th>
              <th scope="col" className="chart__number">
                {t('statistics.medianResolution')}
              </th>
            </tr>
          </thead>
          <tbody>
            {trend.map((month) => (
              <tr key={month.month}>
                <th scope="row">{formatMonth(month.month, language, 'long')}</th>
                <td className="chart__number">{formatCount(month.filed, language)}</td>
                <td className="chart__number">{formatCount(month.resolved, language)}</td>
                <td className="chart__number">
                  {month.medianResolutionHours === null
                    ? '—'
                    : t('statistics.hours', { value: formatHours(month.medianResolutionHours, language) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
