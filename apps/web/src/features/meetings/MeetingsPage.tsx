import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneLabel } from '../../format';
import { useQueryResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Link, useSearch, withQuery } from '../../router';
import { useSession } from '../../session';
import { LoadError, Loading, PageHeading } from '../../ui/ui';
import { agendaQuery, useMeetingsFollowNotifications } from './api';
import { DayList, MonthCalendar } from './components';
import { dayOf, monthOf, monthTitle, monthWindow, parseMonth, shiftMonth } from './calendar';

const AGENDA_DAYS = 30;

/** The coming month's occurrences, from the start of the viewer's today. */
function Agenda({ zone }: { zone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const range = useMemo(() => {
    const from = new Date();
    from.setMinutes(0, 0, 0);
    const to = new Date(from.getTime() + AGENDA_DAYS * 86_400_000);
    return { from: from.toISOString(), to: to.toISOString() };
  }, []);
  const { resource, reload } = useQueryResource(agendaQuery(range.from, range.to));
  return (
    <section className="panel" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('meetings.agenda')}</h2>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <DayList
          items={resource.data}
          viewerZone={zone}
          language={language}
          empty={t('meetings.agendaEmpty')}
          testId="agenda"
        />
      )}
    </section>
  );
}

/** The month calendar, with links to the month before and after (kept in the address: `?month=2027-01`). */
function Month({ zone, month }: { zone: string; month: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const range = monthWindow(month, zone);
  const { resource, reload } = useQueryResource(agendaQuery(range.from, range.to));
  const title = monthTitle(month, language);
  return (
    <section className="panel" aria-labelledby="month-heading" data-testid="month" data-month={month}>
      <div className="month-nav">
        <h2 id="month-heading" data-testid="month-title">
          {title}
        </h2>
        <nav className="button-row" aria-label={t('meetings.monthNav')}>
          <Link
            className="button"
            href={withQuery('/meetings', { month: shiftMonth(month, -1) })}
            data-testid="month-previous"
          >
            {t('meetings.previousMonth')}
          </Link>
          <Link className="button" href="/meetings" data-testid="month-current">
            {t('meetings.thisMonth')}
          </Link>
          <Link
            className="button"
            href={withQuery('/meetings', { month: shiftMonth(month, 1) })}
            data-testid="month-next"
          >
            {t('meetings.nextMonth')}
          </Link>
        </nav>
      </div>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <MonthCalendar
          month={month}
          items={resource.data}
          viewerZone={zone}
          language={language}
          today={dayOf(new Date().toISOString(), zone)}
        />
      )}
    </section>
  );
}

export function MeetingsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const session = useSession();
  const coordinator = session.status === 'signed-in' && session.user.role === 'coordinator';
  useMeetingsFollowNotifications();
  const month = parseMonth(new URLSearchParams(useSearch()).get('month')) ?? monthOf(new Date(), zone);
  return (
    <>
      <PageHeading title={t('meetings.title')}>
        <p className="page-lead">{t('meetings.intro')}</p>
        <p className="muted" data-testid="viewer-zone">
          {t('meetings.yourZone', { zone: zoneLabel(zone, language) })}{' '}
          <Link href="/profile">{t('meetings.changeZone')}</Link>
        </p>
        {coordinator && (
          <p>
            <Link className="button button--primary" href="/meetings/new" data-testid="schedule-meeting">
              {t('meetings.schedule')}
            </Link>
          </p>
        )}
      </PageHeading>
      <div className="stack">
        <Month zone={zone} month={month} />
        <Agenda zone={zone} />
      </div>
    </>
  );
}
