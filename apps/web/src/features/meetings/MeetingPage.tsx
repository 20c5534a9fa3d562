import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { queryKeys } from '../../api/query-keys';
import { formatCalendarDate, formatDateTime, zoneLabel } from '../../format';
import { useBusy, useQueryResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { realtime } from '../../realtime';
import { Link } from '../../router';
import { Alert, Notice, SubmitButton, TextAreaField, TextField, useFormSubmit } from '../../ui/forms';
import { MessageMarkdown } from '../../ui/Markdown';
import { Badge, LoadError, Loading, NotFoundPage, PageHeading, isNotFound } from '../../ui/ui';
import {
  ANSWER_CHOICES,
  type AnswerChoice,
  answersQuery,
  downloadCalendar,
  type Meeting,
  meetingQuery,
  type Occurrence,
  useMeetingsFollowNotifications,
} from './api';
import { instantOf, longDay } from './calendar';
import { AnswerBadge, reminderLabel, ZoneTime } from './components';
import { readRule } from './recurrence';

type Update = (meeting: Meeting) => void;

/** Three buttons (accept, tentative, decline), the current one pressed. */
function AnswerButtons({
  meeting,
  occurrence,
  label,
  onAnswered,
  testId,
}: {
  meeting: Meeting;
  occurrence: Occurrence | null;
  label: string;
  onAnswered: Update;
  testId: string;
}) {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  const [error, setError] = useState<string | null>(null);
  const current = occurrence ? occurrence.myAnswer : meeting.myAnswer;
  const answer = (choice: AnswerChoice) =>
    run(async () => {
      setError(null);
      try {
        onAnswered(
          await unwrap(
            api.PUT('/api/meetings/{id}/answers/mine', {
              params: { path: { id: meeting.id } },
              body: { answer: choice, occurrenceId: occurrence?.occurrenceId ?? null },
            }),
          ),
        );
      } catch (caught) {
        setError(messageOf(caught));
      }
    });
  return (
    <div className="answer-buttons" role="group" aria-label={label} data-testid={testId}>
      {ANSWER_CHOICES.map((choice) => (
        <button
          key={choice}
          type="button"
          className={current === choice ? 'button button--primary' : 'button'}
          aria-pressed={current === choice}
          aria-disabled={busy || undefined}
          onClick={() => void answer(choice)}
          data-testid={`${testId}-${choice}`}
        >
          {t(`meetings.answerActions.${choice}`)}
        </button>
      ))}
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

/** Moving or cancelling one date, for whoever may change the meeting. */
function OccurrenceTools({
  meeting,
  occurrence,
  onChanged,
}: {
  meeting: Meeting;
  occurrence: Occurrence;
  onChanged: Update;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [moving, setMoving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [startLocal, setStartLocal] = useState(occurrence.startLocal);
  const { formRef, errors, error, busy, submit } = useFormSubmit(['startLocal']);
  const path = { id: meeting.id, occurrenceId: occurrence.occurrenceId };

  const move = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(async () => {
      onChanged(
        await unwrap(
          api.PATCH('/api/meetings/{id}/occurrences/{occurrenceId}', { params: { path }, body: { startLocal } }),
        ),
      );
      setMoving(false);
    });
  };
  const cancel = () =>
    submit(async () => {
      onChanged(await unwrap(api.POST('/api/meetings/{id}/occurrences/{occurrenceId}/cancel', { params: { path } })));
      setConfirming(false);
    });

  return (
    <div className="occurrence-tools">
      {error && <Alert>{error}</Alert>}
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-expanded={moving}
          onClick={() => setMoving(!moving)}
          data-testid="occurrence-move"
        >
          {t('meetings.page.moveDate')}
        </button>
        {confirming ? (
          <button
            type="button"
            className="button button--danger"
            onClick={() => void cancel()}
            data-testid="occurrence-cancel-confirm"
          >
            {t('meetings.page.confirmCancelDate')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="occurrence-cancel">
            {t('meetings.page.cancelDate')}
          </button>
        )}
      </div>
      {moving && (
        <form ref={formRef} className="inline-form" onSubmit={move} noValidate aria-busy={busy}>
          <TextField
            id={`${id}-start`}
            field="startLocal"
            type="datetime-local"
            label={t('meetings.form.start', { zone: meeting.timeZone })}
            value={startLocal}
            onChange={(event) => setStartLocal(event.target.value)}
            error={errors.startLocal}
          />
          <SubmitButton busy={busy} label={t('common.save')} busyLabel={t('common.working')} />
        </form>
      )}
    </div>
  );
}

function Occurrences({ meeting, onChanged }: { meeting: Meeting; onChanged: Update }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const viewerZone = useViewerZone();
  if (meeting.occurrences.length === 0) return <p className="muted">{t('meetings.page.noDates')}</p>;
  return (
    <ul className="rows" data-testid="occurrences">
      {meeting.occurrences.map((occurrence) => {
        const label = longDay(occurrence.startLocal.slice(0, 10), language);
        return (
          <li
            key={occurrence.occurrenceId}
            className="row occurrence"
            data-testid="occurrence"
            data-cancelled={occurrence.cancelled}
          >
            <div className="row__main">
              <p className="strong">
                <ZoneTime
                  instant={occurrence.start}
                  meetingZone={meeting.timeZone}
                  viewerZone={viewerZone}
                  language={language}
                  testId="occurrence-time"
                />
              </p>
              <p className="badges">
                {occurrence.cancelled && <Badge tone="bad">{t('meetings.page.cancelled')}</Badge>}
                {occurrence.moved && <Badge tone="warn">{t('meetings.page.moved')}</Badge>}
                <AnswerBadge answer={occurrence.myAnswer} />
              </p>
            </div>
            {!occurrence.cancelled && !meeting.cancelled && (
              <>
                {meeting.rrule && (
                  <AnswerButtons
                    meeting={meeting}
                    occurrence={occurrence}
                    label={t('meetings.page.answerFor', { date: label })}
                    onAnswered={onChanged}
                    testId="answer-occurrence"
                  />
                )}
                {meeting.canManage && (
                  <OccurrenceTools meeting={meeting} occurrence={occurrence} onChanged={onChanged} />
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Every invitee's answer, updated live (`meeting.answered`) for whoever may change the meeting. */
function AnswersList({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const viewerZone = useViewerZone();
  const client = useQueryClient();
  const { resource, reload } = useQueryResource(answersQuery(meeting.id));
  useEffect(
    () =>
      realtime.on('meeting.answered', (event) => {
        if (event.meetingId === meeting.id)
          void client.invalidateQueries({ queryKey: queryKeys.meetings.answers(meeting.id) });
      }),
    [client, meeting.id],
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  if (resource.data.length === 0)
    return (
      <p className="muted" data-testid="answers-empty">
        {t('meetings.page.noAnswers')}
      </p>
    );
  return (
    <ul className="rows" data-testid="answers">
      {resource.data.map((answer) => (
        <li key={`${answer.userId}/${answer.occurrenceId}`} className="row" data-testid="answer-row">
          <div className="row__main">
            <p className="strong">{answer.displayName}</p>
            <p className="muted">
              {answer.occurrenceId === '*'
                ? t('meetings.page.forSeries')
                : t('meetings.page.forDate', {
                    date: formatDateTime(instantOf(answer.occurrenceId, meeting.timeZone), language, viewerZone),
                  })}
            </p>
          </div>
          <AnswerBadge answer={answer.answer} />
        </li>
      ))}
    </ul>
  );
}

function MinutesForm({ meeting, onChanged }: { meeting: Meeting; onChanged: Update }) {
  const { t } = useTranslation();
  const id = useId();
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const [notice, setNotice] = useState('');
  const { formRef, errors, error, busy, submit } = useFormSubmit(['minutes']);
  const post = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice('');
    void submit(async () => {
      onChanged(
        await unwrap(
          api.PUT('/api/meetings/{id}/minutes', { params: { path: { id: meeting.id } }, body: { minutes } }),
        ),
      );
      setNotice(t('meetings.page.minutesPosted'));
    });
  };
  return (
    <form ref={formRef} className="form" onSubmit={post} noValidate aria-busy={busy}>
      {error && <Alert>{error}</Alert>}
      <TextAreaField
        id={`${id}-minutes`}
        field="minutes"
        label={meeting.minutes ? t('meetings.page.editMinutes') : t('meetings.page.writeMinutes')}
        hint={t('meetings.form.agendaHint')}
        rows={8}
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        error={errors.minutes}
        testId="minutes-input"
      />
      <div className="form__actions">
        <SubmitButton
          busy={busy}
          label={t('meetings.page.postMinutes')}
          busyLabel={t('common.working')}
          testId="minutes-submit"
        />
      </div>
      <Notice>{notice}</Notice>
    </form>
  );
}

/** Changing the whole series' start (the API takes every field of the series: the others as they are). */
function Reschedule({ meeting, onChanged }: { meeting: Meeting; onChanged: Update }) {
  const { t } = useTranslation();
  const id = useId();
  const [startLocal, setStartLocal] = useState(meeting.startLocal);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState('');
  const { formRef, errors, error, busy, submit } = useFormSubmit(['startLocal']);
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice('');
    void submit(async () => {
      onChanged(
        await unwrap(
          api.PATCH('/api/meetings/{id}', {
            params: { path: { id: meeting.id } },
            body: {
              title: meeting.title,
              agenda: meeting.agenda,
              startLocal,
              timeZone: meeting.timeZone,
              durationMinutes: meeting.durationMinutes,
              rrule: meeting.rrule,
              mode: meeting.mode,
              onlineUrl: meeting.onlineUrl,
              place: meeting.place,
              reminderMinutes: meeting.reminderMinutes,
            },
          }),
        ),
      );
      setNotice(t('common.saved'));
    });
  };
  const cancelSeries = () =>
    submit(async () => {
      onChanged(await unwrap(api.POST('/api/meetings/{id}/cancel', { params: { path: { id: meeting.id } } })));
    });
  return (
    <>
      <form ref={formRef} className="inline-form" onSubmit={save} noValidate aria-busy={busy}>
        {error && <Alert>{error}</Alert>}
        <TextField
          id={`${id}-start`}
          field="startLocal"
          type="datetime-local"
          label={t('meetings.form.start', { zone: meeting.timeZone })}
          hint={meeting.rrule ? t('meetings.page.rescheduleHint') : undefined}
          value={startLocal}
          onChange={(event) => setStartLocal(event.target.value)}
          error={errors.startLocal}
          testId="reschedule-start"
        />
        <SubmitButton
          busy={busy}
          label={t('meetings.page.reschedule')}
          busyLabel={t('common.working')}
          testId="reschedule-submit"
        />
      </form>
      <Notice>{notice}</Notice>
      <p>
        {confirming ? (
          <button
            type="button"
            className="button button--danger"
            onClick={() => void cancelSeries()}
            data-testid="meeting-cancel-confirm"
          >
            {meeting.rrule ? t('meetings.page.confirmCancelSeries') : t('meetings.page.confirmCancelMeeting')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="meeting-cancel">
            {meeting.rrule ? t('meetings.page.cancelSeries') : t('meetings.page.cancelMeeting')}
          </button>
        )}
      </p>
    </>
  );
}

function Facts({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const viewerZone = useViewerZone();
  const rule = readRule(meeting.rrule);
  const reminders = meeting.reminderMinutes.map((minutes) => reminderLabel(minutes, t)).join(', ');
  return (
    <dl className="meeting-facts" data-testid="meeting-facts">
      <dt>{t('meetings.page.network')}</dt>
      <dd>{meeting.networkName}</dd>
      <dt>{meeting.rrule ? t('meetings.page.firstDate') : t('meetings.page.when')}</dt>
      <dd>
        <ZoneTime
          instant={instantOf(meeting.startLocal, meeting.timeZone)}
          meetingZone={meeting.timeZone}
          viewerZone={viewerZone}
          language={language}
          testId="meeting-when"
        />
      </dd>
      <dt>{t('meetings.page.zones')}</dt>
      <dd>
        {t('meetings.page.zonesText', {
          meeting: zoneLabel(meeting.timeZone, language),
          viewer: zoneLabel(viewerZone, language),
        })}
      </dd>
      <dt>{t('meetings.form.duration')}</dt>
      <dd>{t('meetings.minutes', { count: meeting.durationMinutes })}</dd>
      <dt>{t('meetings.form.repeat')}</dt>
      <dd>
        {t(`meetings.repeats.${rule.repeat}`)}
        {rule.count ? ` · ${t('meetings.page.times', { count: rule.count })}` : ''}
        {rule.until ? ` · ${t('meetings.page.until', { date: formatCalendarDate(rule.until, language) })}` : ''}
      </dd>
      <dt>{meeting.mode === 'online' ? t('meetings.form.onlineUrl') : t('meetings.form.place')}</dt>
      <dd>
        {meeting.mode === 'online' && meeting.onlineUrl ? (
          <a href={meeting.onlineUrl} target="_blank" rel="noopener noreferrer" dir="ltr" className="break">
            {meeting.onlineUrl}
          </a>
        ) : (
          meeting.place
        )}
      </dd>
      <dt>{t('meetings.form.reminders')}</dt>
      <dd>{reminders || t('common.none')}</dd>
    </dl>
  );
}

export function MeetingPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const viewerZone = useViewerZone();
  const client = useQueryClient();
  const { resource, reload, update } = useQueryResource(meetingQuery(id));
  const [icsError, setIcsError] = useState<string | null>(null);
  useMeetingsFollowNotifications();
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error')
    return isNotFound(resource.error) ? <NotFoundPage /> : <LoadError error={resource.error} onRetry={reload} />;
  const meeting = resource.data;
  const changed: Update = (next) => {
    update(() => next);
    void client.invalidateQueries({ queryKey: ['meetings', 'agenda'] });
  };
  const download = async () => {
    setIcsError(null);
    try {
      await downloadCalendar(meeting.id, meeting.title);
    } catch (caught) {
      setIcsError(messageOf(caught));
    }
  };

  return (
    <>
      <PageHeading title={meeting.title} testId="meeting-heading">
        <p>
          <Link href="/meetings">{t('meetings.backToCalendar')}</Link>
        </p>
        {meeting.cancelled && (
          <p>
            <Badge tone="bad" testId="meeting-cancelled">
              {t('meetings.page.meetingCancelled')}
            </Badge>
          </p>
        )}
      </PageHeading>
      <div className="stack">
        <section className="panel" aria-labelledby="meeting-details">
          <h2 id="meeting-details">{t('meetings.page.details')}</h2>
          <Facts meeting={meeting} />
          <div className="button-row">
            <button type="button" className="button" onClick={() => void download()} data-testid="meeting-ics">
              {t('meetings.page.downloadIcs')}
            </button>
          </div>
          {icsError && <Alert>{icsError}</Alert>}
          {!meeting.cancelled && (
            <>
              <h3>{meeting.rrule ? t('meetings.page.answerSeries') : t('meetings.page.yourAnswer')}</h3>
              <AnswerButtons
                meeting={meeting}
                occurrence={null}
                label={meeting.rrule ? t('meetings.page.answerSeries') : t('meetings.page.yourAnswer')}
                onAnswered={changed}
                testId="answer-series"
              />
            </>
          )}
        </section>

        <section className="panel" aria-labelledby="meeting-agenda">
          <h2 id="meeting-agenda">{t('meetings.form.agenda')}</h2>
          {meeting.agenda ? (
            <MessageMarkdown body={meeting.agenda} />
          ) : (
            <p className="muted">{t('meetings.page.noAgenda')}</p>
          )}
        </section>

        <section className="panel" aria-labelledby="meeting-dates">
          <h2 id="meeting-dates">{t('meetings.page.dates')}</h2>
          <Occurrences meeting={meeting} onChanged={changed} />
        </section>

        {meeting.canManage && (
          <section className="panel" aria-labelledby="meeting-answers">
            <h2 id="meeting-answers">{t('meetings.page.answers')}</h2>
            <AnswersList meeting={meeting} />
          </section>
        )}

        <section className="panel" aria-labelledby="meeting-minutes">
          <h2 id="meeting-minutes">{t('meetings.page.minutes')}</h2>
          {meeting.minutes ? (
            <div data-testid="minutes">
              {meeting.minutesPostedAt && (
                <p className="muted">
                  {t('meetings.page.minutesAt', {
                    date: formatDateTime(meeting.minutesPostedAt, language, viewerZone),
                  })}
                </p>
              )}
              <MessageMarkdown body={meeting.minutes} />
            </div>
          ) : (
            <p className="muted">{t('meetings.page.noMinutes')}</p>
          )}
          {meeting.forumThreadId && (
            <p>
              <Link href={`/threads/${meeting.forumThreadId}`} data-testid="minutes-thread">
                {t('meetings.page.discuss')}
              </Link>
            </p>
          )}
          {meeting.canManage && <MinutesForm meeting={meeting} onChanged={changed} />}
        </section>

        {meeting.canManage && !meeting.cancelled && (
          <section className="panel" aria-labelledby="meeting-manage">
            <h2 id="meeting-manage">{t('meetings.page.manage')}</h2>
            <Reschedule meeting={meeting} onChanged={changed} />
          </section>
        )}
      </div>
    </>
  );
}
