import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, weekdayName } from '../../format';
import type { Language } from '../../i18n';
import { Link } from '../../router';
import { Badge } from '../../ui/ui';
import type { AgendaItem, AnswerChoice } from './api';
import { byDay, dayNumber, dayOf, longDay, monthTitle, monthWeeks, zoneTimes } from './calendar';

/** A reminder offset in words: `1 day(s) before`, `1 hour(s) before`, `15 minutes before`. */
export function reminderLabel(minutes: number, t: TFunction): string {
  if (minutes > 0 && minutes % 1440 === 0) return t('meetings.form.reminderDays', { count: minutes / 1440 });
  if (minutes > 0 && minutes % 60 === 0) return t('meetings.form.reminderHours', { count: minutes / 60 });
  return t('meetings.form.reminderMinutes', { count: minutes });
}

/** A meeting's time in the viewer's zone, and in the meeting's zone beside it when that is another. */
export function ZoneTime({
  instant,
  meetingZone,
  viewerZone,
  language,
  clockOnly,
  testId,
}: {
  instant: string;
  meetingZone: string;
  viewerZone: string;
  language: Language;
  clockOnly?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const times = zoneTimes(instant, meetingZone, viewerZone, language, clockOnly);
  return (
    <span className="zone-time" data-testid={testId}>
      <time dateTime={instant}>{times.viewer}</time>
      {times.meeting && (
        <span className="zone-time__meeting muted">{t('meetings.meetingTime', { time: times.meeting })}</span>
      )}
    </span>
  );
}

export function AnswerBadge({ answer }: { answer: AnswerChoice | null }) {
  const { t } = useTranslation();
  if (!answer) return null;
  return (
    <Badge tone={answer === 'accepted' ? 'ok' : answer === 'declined' ? 'bad' : 'warn'} testId="my-answer">
      {t(`meetings.answers.${answer}`)}
    </Badge>
  );
}

function AgendaEntry({ item, viewerZone, language }: { item: AgendaItem; viewerZone: string; language: Language }) {
  return (
    <li className="row agenda-entry" data-testid="agenda-item">
      <div className="row__main">
        <Link className="agenda-entry__title" href={`/meetings/${item.meetingId}`}>
          {item.title}
        </Link>
        <p className="muted">{item.networkName}</p>
        <ZoneTime
          instant={item.start}
          meetingZone={item.timeZone}
          viewerZone={viewerZone}
          language={language}
          clockOnly
        />
      </div>
      <AnswerBadge answer={item.myAnswer} />
    </li>
  );
}

/** Occurrences by day (in the viewer's zone), each day a heading: the agenda, and the month on a phone. */
export function DayList({
  items,
  viewerZone,
  language,
  empty,
  level = 3,
  testId,
}: {
  items: readonly AgendaItem[];
  viewerZone: string;
  language: Language;
  empty: string;
  level?: 2 | 3;
  testId?: string;
}) {
  const days = byDay(items, viewerZone);
  const Heading = level === 2 ? 'h2' : 'h3';
  if (days.size === 0)
    return (
      <p className="muted" data-testid={testId ? `${testId}-empty` : undefined}>
        {empty}
      </p>
    );
  return (
    <div className="day-list" data-testid={testId}>
      {[...days].map(([day, entries]) => (
        <section key={day} className="day-list__day">
          <Heading className="day-list__date">{longDay(day, language)}</Heading>
          <ul className="rows">
            {entries.map((item) => (
              <AgendaEntry
                key={`${item.meetingId}/${item.occurrenceId}`}
                item={item}
                viewerZone={viewerZone}
                language={language}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/**
 * A month as a grid of weeks (Monday first, mirrored right to left by the table itself), each day listing its
 * meetings as links in the viewer's zone. On a narrow screen the grid gives way to the list of the month's
 * days that have meetings (CSS), which says the same.
 */
export function MonthCalendar({
  month,
  items,
  viewerZone,
  language,
  today,
}: {
  month: string;
  items: readonly AgendaItem[];
  viewerZone: string;
  language: Language;
  /** `YYYY-MM-DD` in the viewer's zone. */
  today: string;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const days = byDay(items, viewerZone);
  const weeks = monthWeeks(month);
  const monthDays = new Set(
    weeks
      .flat()
      .filter((day) => day.inMonth)
      .map((day) => day.date),
  );
  const inMonth = items.filter((item) => monthDays.has(dayOf(item.start, viewerZone)));
  return (
    <div className="month-calendar" data-testid="month-calendar">
      <table className="month-grid" aria-labelledby={captionId} data-testid="month-grid">
        <caption id={captionId} className="visually-hidden">
          {monthTitle(month, language)}
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col" abbr={weekdayName(day, language)}>
                {weekdayName(day, language, 'short')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0].date}>
              {week.map((day) => {
                const entries = days.get(day.date) ?? [];
                const classes = ['month-grid__cell'];
                if (!day.inMonth) classes.push('month-grid__cell--outside');
                if (day.date === today) classes.push('month-grid__cell--today');
                return (
                  <td
                    key={day.date}
                    className={classes.join(' ')}
                    aria-current={day.date === today ? 'date' : undefined}
                    data-date={day.date}
                    data-testid="month-day"
                  >
                    <span className="month-grid__number" aria-hidden="true">
                      {dayNumber(day.date, language)}
                    </span>
                    <span className="visually-hidden">{longDay(day.date, language)}</span>
                    {entries.length > 0 && (
                      <ul className="month-grid__entries">
                        {entries.map((item) => (
                          <li key={`${item.meetingId}/${item.occurrenceId}`}>
                            <Link
                              className="month-grid__entry"
                              href={`/meetings/${item.meetingId}`}
                              data-testid="month-entry"
                            >
                              <ZoneTime
                                instant={item.start}
                                meetingZone={viewerZone}
                                viewerZone={viewerZone}
                                language={language}
                                clockOnly
                              />{' '}
                              {item.title}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="month-list">
        <DayList
          items={inMonth}
          viewerZone={viewerZone}
          language={language}
          empty={t('meetings.noneThisMonth')}
          testId="month-list"
        />
      </div>
    </div>
  );
}
