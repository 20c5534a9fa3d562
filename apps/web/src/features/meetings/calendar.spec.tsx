/**
 * @jest-environment jsdom
 */
import { describe, expect, it } from '@jest/globals';
import { act, render, screen, within } from '@testing-library/react';
import { setLanguage } from '../../i18n';
import type { AgendaItem } from './api';
import { localIn, monthWeeks, monthWindow, zoneTimes } from './calendar';
import { MonthCalendar, ZoneTime } from './components';
import { readRule, ruleOf } from './recurrence';

const item = (changes: Partial<AgendaItem>): AgendaItem => ({
  meetingId: '6f1c0c1e-0000-4000-8000-000000000001',
  title: 'Focal points meeting',
  networkId: 'n',
  networkName: 'IOC platform',
  occurrenceId: '2027-01-12T10:00',
  startLocal: '2027-01-12T10:00',
  timeZone: 'Europe/Paris',
  start: '2027-01-12T09:00:00.000Z',
  end: '2027-01-12T10:00:00.000Z',
  viewerStart: '2027-01-12T13:00:00.000+04:00',
  myAnswer: null,
  ...changes,
});

describe('the month layout', () => {
  it('lays a month out in whole weeks from Monday, padded with the days around it', () => {
    // January 2027 begins on a Friday and ends on a Sunday: five weeks, from Monday 28 December.
    const january = monthWeeks('2027-01');
    expect(january).toHaveLength(5);
    expect(january.every((week) => week.length === 7)).toBe(true);
    expect(january[0][0]).toEqual({ date: '2026-12-28', inMonth: false });
    expect(january[0][4]).toEqual({ date: '2027-01-01', inMonth: true });
    expect(january[4][6]).toEqual({ date: '2027-01-31', inMonth: true });
    // February 2027 begins on a Monday and has 28 days: exactly four weeks.
    const february = monthWeeks('2027-02');
    expect(february).toHaveLength(4);
    expect(february.flat().every((day) => day.inMonth)).toBe(true);
    // August 2027 needs six rows (Sunday the 1st, 31 days).
    expect(monthWeeks('2027-08')).toHaveLength(6);
  });

  it('asks the agenda for the shown days from midnight in the viewer’s zone', () => {
    expect(monthWindow('2027-01', 'Indian/Mauritius')).toEqual({
      from: '2026-12-27T20:00:00.000Z',
      to: '2027-01-31T20:00:00.000Z',
    });
  });

  it('puts each meeting on the viewer’s day, a link to its page, and marks today', () => {
    // 23:30 UTC on the 11th is 03:30 on the 12th in Mauritius.
    const late = item({
      start: '2027-01-11T23:30:00.000Z',
      title: 'Late call',
      timeZone: 'UTC',
      occurrenceId: '2027-01-11T23:30',
    });
    render(
      <MonthCalendar
        month="2027-01"
        items={[late, item({})]}
        viewerZone="Indian/Mauritius"
        language="en"
        today="2027-01-05"
      />,
    );
    const grid = screen.getByTestId('month-grid');
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(within(grid).getAllByRole('row')).toHaveLength(6);
    const day = (date: string) => grid.querySelector<HTMLElement>(`[data-date="${date}"]`);
    expect(day('2027-01-11')?.querySelector('a')).toBeNull();
    const links = within(day('2027-01-12') as HTMLElement).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['03:30 Late call', '13:00 Focal points meeting']);
    expect(links[0].getAttribute('href')).toBe('/meetings/6f1c0c1e-0000-4000-8000-000000000001');
    expect(day('2027-01-05')?.getAttribute('aria-current')).toBe('date');
    expect(day('2026-12-28')?.className).toContain('month-grid__cell--outside');
    // The list for narrow screens has the same meetings, under the viewer's date.
    const list = screen.getByTestId('month-list');
    expect(within(list).getByRole('heading', { name: 'Tuesday, 12 January 2027' })).toBeTruthy();
    expect(within(list).getAllByTestId('agenda-item')).toHaveLength(2);
  });

  it('says so when the month has no meeting, in Arabic too', () => {
    act(() => setLanguage('ar', false));
    try {
      render(<MonthCalendar month="2027-03" items={[]} viewerZone="UTC" language="ar" today="2027-03-01" />);
      expect(screen.getByTestId('month-list-empty').textContent).toBe('لا اجتماعات هذا الشهر.');
      expect(screen.getByTestId('month-grid').querySelector('caption')?.textContent).toContain('مارس');
    } finally {
      act(() => setLanguage('en', false));
    }
  });
});

describe('the time in two zones', () => {
  it('gives the viewer’s time and the meeting’s own, which holds across daylight saving', () => {
    // A 10:00 Paris meeting: 13:00 in Mauritius in winter (UTC+1), 12:00 in summer (UTC+2).
    const winter = zoneTimes('2027-01-12T09:00:00Z', 'Europe/Paris', 'Indian/Mauritius', 'en', true);
    expect(winter).toEqual({ viewer: '13:00', meeting: '10:00 (Europe/Paris)' });
    const summer = zoneTimes('2027-07-13T08:00:00Z', 'Europe/Paris', 'Indian/Mauritius', 'en', true);
    expect(summer).toEqual({ viewer: '12:00', meeting: '10:00 (Europe/Paris)' });
  });

  it('gives the meeting’s date too when it is another day there, and nothing more in the same zone', () => {
    const times = zoneTimes('2027-01-11T23:30:00Z', 'America/Sao_Paulo', 'Indian/Mauritius', 'en', true);
    expect(times.viewer).toBe('03:30');
    expect(times.meeting).toMatch(/^Mon, 11 Jan 2027, 20:30 \(America\/Sao_Paulo\)$/);
    expect(zoneTimes('2027-01-12T09:00:00Z', 'UTC', 'UTC', 'en').meeting).toBeNull();
  });

  it('shows both times, the meeting’s labelled, with the instant as the time element’s value', () => {
    render(
      <ZoneTime
        instant="2027-01-12T09:00:00.000Z"
        meetingZone="Europe/Paris"
        viewerZone="Indian/Mauritius"
        language="fr"
        testId="when"
      />,
    );
    const when = screen.getByTestId('when');
    expect(when.querySelector('time')?.getAttribute('dateTime')).toBe('2027-01-12T09:00:00.000Z');
    expect(when.querySelector('time')?.textContent).toContain('13:00');
    expect(when.textContent).toContain('there: ');
    expect(when.textContent).toContain('10:00 (Europe/Paris)');
  });

  it('turns a slot’s instant into the local start of the meeting’s zone', () => {
    expect(localIn('2027-07-13T08:00:00Z', 'Europe/Paris')).toBe('2027-07-13T10:00');
  });
});

describe('the recurrence presets', () => {
  it('writes the RRULE the API takes and reads it back', () => {
    expect(ruleOf({ repeat: 'none', end: 'count', count: 3, until: '' })).toBeNull();
    expect(ruleOf({ repeat: 'weekly', end: 'count', count: 4, until: '' })).toBe('FREQ=WEEKLY;COUNT=4');
    expect(ruleOf({ repeat: 'monthly', end: 'until', count: 1, until: '2027-06-30' })).toBe(
      'FREQ=MONTHLY;UNTIL=20270630T235959',
    );
    expect(readRule('FREQ=WEEKLY;INTERVAL=2;COUNT=6')).toEqual({ repeat: 'biweekly', count: 6, until: null });
    expect(readRule('FREQ=MONTHLY;BYDAY=2TU')).toEqual({ repeat: 'custom', count: null, until: null });
  });
});
