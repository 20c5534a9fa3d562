import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { DemoBadge, Fact, isNotFound, LoadError, Loading, NotFoundPage, PageHeading } from '../../ui/ui';
import {
  formatCalendarDate,
  formatDay,
  formatTime,
  isolate,
  languageName,
  weekdayName,
  type Weekday,
  zoneLabel,
} from '../../format';
import { useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Link, withQuery } from '../../router';
import { categoryLabel, channelLabel, roleLabel } from '../../vocabulary';
import { queryKeys } from '../../api/query-keys';
import { useSession } from '../../session';
import { ComingMeetings, RecordEditing, StartThread } from './RecordActions';

type AuthorityDetail = Answer<'/api/authorities/{id}', 'get'>;
type Opening = AuthorityDetail['schedule']['week'][number];

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function List({ items, empty }: { items: readonly string[]; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function Schedule({ authority }: { authority: AuthorityDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { viewerTimeZone, authorityTimeZone, week } = authority.schedule;
  const viewer = isolate(zoneLabel(viewerTimeZone, language));
  const local = isolate(zoneLabel(authorityTimeZone, language));
  const range = (opening: Opening, zone: string) =>
    `${formatTime(opening.start, language, zone)}–${formatTime(opening.end, language, zone)}`;
  const sameZone = viewerTimeZone === authorityTimeZone;

  return (
    <Section title={t('authority.officeHours')} testId="office-hours">
      <p className="muted">{t('authority.hoursIntro', { viewer, authority: local })}</p>
      {week.length === 0 ? (
        <p>{t('authority.noHours')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="office-hours-viewer">
            <thead>
              <tr>
                <th scope="col">{t('authority.yourTime', { zone: isolate(viewerTimeZone) })}</th>
                {!sameZone && <th scope="col">{t('authority.localTime', { zone: isolate(authorityTimeZone) })}</th>}
              </tr>
            </thead>
            <tbody>
              {week.map((opening) => (
                <tr key={opening.start} data-testid="office-hours-row">
                  <td>
                    <span className="table__day">{formatDay(opening.start, language, viewerTimeZone)}</span>{' '}
                    <span className="table__time" data-testid="viewer-hours" dir="ltr">
                      {range(opening, viewerTimeZone)}
                    </span>
                  </td>
                  {!sameZone && (
                    <td>
                      <span className="table__day">
                        {weekdayName(opening.authorityDay as Weekday, language, 'short')}
                      </span>{' '}
                      <span className="table__time" data-testid="authority-hours" dir="ltr">
                        {opening.authorityStart}–{opening.authorityEnd}
                      </span>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Contact({ contact }: { contact: AuthorityDetail['contact'] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('authority.contact')}>
      <dl className="facts facts--stacked">
        <Fact label={t('authority.address')}>
          {contact.address && <span className="pre-line">{contact.address}</span>}
        </Fact>
        <Fact label={t('authority.phone')}>
          {contact.phone && (
            <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
              {contact.phone}
            </a>
          )}
        </Fact>
        <Fact label={t('authority.fax')}>{contact.fax && <span dir="ltr">{contact.fax}</span>}</Fact>
        <Fact label={t('authority.email')}>
          {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
        </Fact>
        <Fact label={t('authority.website')}>
          {contact.website && /^https?:\/\//i.test(contact.website) ? (
            <a href={contact.website} rel="noopener noreferrer" target="_blank">
              {contact.website}
            </a>
          ) : (
            contact.website
          )}
        </Fact>
      </dl>
    </Section>
  );
}

function Record({ authority }: { authority: AuthorityDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  // Focal points and coordinators file helpdesk tickets, for their own authority, about another one.
  const canFile =
    session.status === 'signed-in' &&
    (session.user.role === 'focal_point' || session.user.role === 'coordinator') &&
    session.user.authorityId !== authority.id;
  const open = authority.schedule.openNow;
  return (
    <>
      <p className="breadcrumb">
        <Link href="/directory">{t('authority.back')}</Link>
      </p>
      <PageHeading title={authority.name} testId="authority-name">
        <p className="page-lead">{authority.state.name}</p>
        <p className="badges">
          <span
            className={`badge badge--${open ? 'ok' : 'bad'}`}
            data-testid="open-now"
            data-state={open ? 'open' : 'closed'}
          >
            {open ? t('authority.openNow') : t('authority.closedNow')}
          </span>
          {authority.demo && <DemoBadge />}
        </p>
      </PageHeading>
      {authority.demo && <p className="demo-notice">{t('authority.demoNotice')}</p>}
      {canFile && (
        <p className="page-actions">
          <Link
            className="button"
            href={withQuery('/helpdesk/new', { authority: authority.id })}
            data-testid="file-ticket-for-authority"
          >
            {t('helpdesk.fromAuthority')}
          </Link>
        </p>
      )}
      <RecordEditing authority={authority} />

      <div className="record">
        <div className="stack">
          <Schedule authority={authority} />
          <Section title={t('authority.facts')}>
            <dl className="facts facts--stacked">
              <Fact label={t('authority.handles')}>
                {authority.categories.map((category) => categoryLabel(category, t)).join(', ')}
              </Fact>
              <Fact label={t('authority.channels')}>
                {authority.channels.map((channel) => channelLabel(channel, t)).join(', ')}
              </Fact>
              <Fact label={t('authority.languages')}>
                {authority.languages.map((code) => languageName(code, language)).join(', ')}
              </Fact>
              <Fact label={t('authority.interpol')}>
                {authority.acceptsInterpol ? t('authority.interpolYes') : t('authority.interpolNo')}
              </Fact>
              <Fact label={t('authority.timeZone')}>{zoneLabel(authority.timeZone, language)}</Fact>
              <Fact label={t('authority.lastVerified')}>
                {authority.lastVerified
                  ? formatCalendarDate(authority.lastVerified, language)
                  : t('authority.neverVerified')}
              </Fact>
            </dl>
          </Section>
          <Section title={t('authority.documents')}>
            <List items={authority.documentsRequired} empty={t('common.notProvided')} />
          </Section>
          <Section title={t('authority.urgent')}>
            <p className={authority.urgentProcedure ? 'pre-line' : 'muted'}>
              {authority.urgentProcedure ?? t('common.notProvided')}
            </p>
          </Section>
          <Section title={t('authority.remarks')}>
            <p className={authority.remarks ? 'pre-line' : 'muted'}>{authority.remarks ?? t('common.notProvided')}</p>
          </Section>
        </div>
        <div className="stack">
          <Contact contact={authority.contact} />
          <Section title={t('authority.focalPoints')} testId="focal-points">
            {authority.focalPoints.length === 0 ? (
              <p className="muted">{t('authority.noFocalPoints')}</p>
            ) : (
              <ul className="plain-list">
                {authority.focalPoints.map((person) => (
                  <li key={person.id}>
                    <span className="strong">{person.displayName}</span>{' '}
                    <span className="muted">({roleLabel(person.role, t)})</span>
                    <br />
                    <a href={`mailto:${person.email}`}>{person.email}</a>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <StartThread authority={authority} />
          <ComingMeetings authority={authority} />
          <Section title={t('authority.networks')}>
            {authority.networks.length === 0 ? (
              <p className="muted">{t('common.none')}</p>
            ) : (
              <ul className="plain-list">
                {authority.networks.map((network) => (
                  <li key={network.id}>
                    <Link href={withQuery('/directory', { network: network.id })}>{network.name}</Link>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}

export function AuthorityPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const tz = useViewerZone();
  const { resource, reload } = useResource(queryKeys.authorities.one(id, tz), (signal) =>
    unwrap(api.GET('/api/authorities/{id}', { params: { path: { id }, query: { tz } }, signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (isNotFound(resource.error)) return <NotFoundPage />;
    return (
      <>
        <PageHeading title={t('directory.title')} />
        <LoadError error={resource.error} onRetry={reload} />
      </>
    );
  }
  return <Record authority={resource.data} />;
}
