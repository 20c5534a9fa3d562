import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { everyAuthorityQuery, myNetworksQuery, networkQuery } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';
import { timeZones, zoneLabel } from '../../format';
import { useBusy, useQueryResource, useViewerZone } from '../../hooks';
import { type Language, useLanguage } from '../../i18n';
import { messageOf } from '../../api/problem';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import {
  Alert,
  CheckboxField,
  CheckboxGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../ui/forms';
import { LoadError, Loading, PageHeading } from '../../ui/ui';
import type { Invitees, ScheduleBody, Slots } from './api';
import { localIn, localTimeIn } from './calendar';
import { reminderLabel, ZoneTime } from './components';
import { REPEATS, type Recurrence, ruleOf } from './recurrence';

const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240, 480];
/** Reminder offsets offered, in minutes before: a week, a day, an hour, a quarter of an hour. */
export const REMINDERS = [10_080, 1440, 60, 15];
const DEFAULT_REMINDERS = ['1440', '60'];
const SCOPES = ['network', 'states', 'people'] as const;

const FIELDS = [
  'networkId',
  'title',
  'agenda',
  'startLocal',
  'timeZone',
  'durationMinutes',
  'rrule',
  'mode',
  'onlineUrl',
  'place',
  'reminderMinutes',
  'invitees',
] as const;

/** The slot finder's proposals: each in the viewer's and the meeting's zone, and every authority's time. */
function SlotList({
  found,
  meetingZone,
  viewerZone,
  language,
  onChoose,
}: {
  found: Slots;
  meetingZone: string;
  viewerZone: string;
  language: Language;
  onChoose: (startLocal: string) => void;
}) {
  const { t } = useTranslation();
  const byId = new Map(found.authorities.map((authority) => [authority.id, authority]));
  if (found.slots.length === 0) return <p data-testid="slots-none">{t('meetings.slots.none')}</p>;
  return (
    <>
      <p className={found.common ? 'muted' : 'strong'} data-testid="slots-summary">
        {found.common ? t('meetings.slots.common') : t('meetings.slots.noCommon')}
      </p>
      <ol className="rows" data-testid="slots">
        {found.slots.map((slot) => (
          <li key={slot.start} className="row" data-testid="slot" data-all-inside={slot.allInside}>
            <div className="row__main">
              <p className="strong">
                <ZoneTime instant={slot.start} meetingZone={meetingZone} viewerZone={viewerZone} language={language} />
              </p>
              <ul className="plain-list muted">
                {slot.local.map((local) => (
                  <li key={local.id ?? local.start}>
                    {t('meetings.slots.localTime', {
                      name: byId.get(local.id ?? '')?.name ?? '',
                      // The authority's own wall-clock time: the instant as written in its zone.
                      time: `${localTimeIn((local.start ?? '').slice(0, 16), 'UTC', 'UTC', language)} (${byId.get(local.id ?? '')?.timeZone ?? ''})`,
                    })}
                  </li>
                ))}
              </ul>
              {slot.outside.length > 0 && (
                <p data-testid="slot-outside">
                  {t('meetings.slots.outside', { names: slot.outside.map((entry) => entry.name).join(', ') })}
                </p>
              )}
            </div>
            <button
              type="button"
              className="button"
              onClick={() => onChoose(localIn(slot.start, meetingZone))}
              data-testid="slot-choose"
            >
              {t('meetings.slots.choose')}
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}

export function SchedulePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const viewerZone = useViewerZone();
  const session = useSession();
  const client = useQueryClient();
  const id = useId();
  const userId = session.status === 'signed-in' ? session.user.id : null;
  const networks = useQueryResource(myNetworksQuery());
  const coordinated =
    networks.resource.status === 'ready'
      ? networks.resource.data.filter((network) => network.coordinators.some((entry) => entry.id === userId))
      : [];

  const [networkId, setNetworkId] = useState('');
  const chosenNetwork =
    coordinated.find((network) => network.id === networkId) ?? (coordinated.length === 1 ? coordinated[0] : undefined);
  const network = chosenNetwork?.id ?? '';
  const members = useQueryResource(network ? networkQuery(network) : null).resource;
  const authorities = useQueryResource(network ? everyAuthorityQuery(network) : null).resource;

  const [title, setTitle] = useState('');
  const [agenda, setAgenda] = useState('');
  const [scope, setScope] = useState<Invitees['scope']>('network');
  const [stateCodes, setStateCodes] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [secretariat, setSecretariat] = useState(false);
  const [duration, setDuration] = useState('60');
  const [timeZone, setTimeZone] = useState(viewerZone);
  const [startLocal, setStartLocal] = useState('');
  const [mode, setMode] = useState<ScheduleBody['mode']>('online');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [place, setPlace] = useState('');
  const [recurrence, setRecurrence] = useState<Recurrence>({ repeat: 'none', end: 'count', count: 6, until: '' });
  const [reminders, setReminders] = useState<string[]>(DEFAULT_REMINDERS);
  const [found, setFound] = useState<Slots | null>(null);
  const [slotError, setSlotError] = useState<string | null>(null);
  const [searching, search] = useBusy();
  const { formRef, errors, error, busy, submit, invalid } = useFormSubmit(FIELDS, { fixErrors: true });

  const invitees = (): Invitees => ({
    scope,
    ...(scope === 'states' ? { stateCodes } : {}),
    ...(scope === 'people' ? { userIds } : {}),
    includeSecretariat: secretariat,
  });

  const findSlots = () =>
    search(async () => {
      setSlotError(null);
      if (!network) {
        setSlotError(t('meetings.form.networkFirst'));
        return;
      }
      try {
        setFound(
          await unwrap(
            api.POST('/api/meeting-slots', {
              body: { networkId: network, invitees: invitees(), durationMinutes: Number(duration), limit: 8 },
            }),
          ),
        );
      } catch (caught) {
        setFound(null);
        setSlotError(messageOf(caught));
      }
    });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!network) missing.networkId = t('meetings.form.required');
    if (!title.trim()) missing.title = t('meetings.form.required');
    if (!startLocal) missing.startLocal = t('meetings.form.required');
    if (Object.keys(missing).length > 0) {
      invalid(missing);
      return;
    }
    void submit(async () => {
      const created = await unwrap(
        api.POST('/api/meetings', {
          body: {
            networkId: network,
            title: title.trim(),
            agenda,
            startLocal,
            timeZone,
            durationMinutes: Number(duration),
            rrule: ruleOf(recurrence),
            mode,
            onlineUrl: mode === 'online' ? onlineUrl.trim() : null,
            place: mode === 'in_person' ? place.trim() : null,
            reminderMinutes: reminders.map(Number),
            invitees: invitees(),
          },
        }),
      );
      await client.invalidateQueries({ queryKey: queryKeys.meetings.all() });
      navigate(`/meetings/${created.id}`);
    });
  };

  if (networks.resource.status === 'loading') return <Loading />;
  if (networks.resource.status === 'error')
    return <LoadError error={networks.resource.error} onRetry={networks.reload} />;

  const invitedAuthorities =
    authorities.status === 'ready'
      ? authorities.data.filter((authority) => scope !== 'states' || stateCodes.includes(authority.state.code))
      : [];

  return (
    <>
      <PageHeading title={t('meetings.form.title')}>
        <p className="page-lead">{t('meetings.form.intro')}</p>
        <p>
          <Link href="/meetings">{t('meetings.backToCalendar')}</Link>
        </p>
      </PageHeading>
      {coordinated.length === 0 ? (
        <p className="muted" data-testid="schedule-no-network">
          {t('meetings.form.noNetwork')}
        </p>
      ) : (
        <form
          ref={formRef}
          className="form panel"
          onSubmit={onSubmit}
          noValidate
          aria-busy={busy}
          data-testid="schedule-form"
        >
          {error && <Alert>{error}</Alert>}
          <SelectField
            id={`${id}-network`}
            field="networkId"
            label={t('meetings.form.network')}
            placeholder={coordinated.length > 1 ? t('meetings.form.chooseNetwork') : undefined}
            options={coordinated.map((entry) => ({ value: entry.id, label: entry.name }))}
            value={network}
            onChange={(event) => {
              setNetworkId(event.target.value);
              setFound(null);
              setStateCodes([]);
              setUserIds([]);
            }}
            error={errors.networkId}
            testId="meeting-network"
          />
          <TextField
            id={`${id}-title`}
            field="title"
            label={t('meetings.form.meetingTitle')}
            value={title}
            maxLength={200}
            onChange={(event) => setTitle(event.target.value)}
            error={errors.title}
            testId="meeting-title"
          />
          <TextAreaField
            id={`${id}-agenda`}
            field="agenda"
            label={t('meetings.form.agenda')}
            hint={t('meetings.form.agendaHint')}
            rows={6}
            value={agenda}
            onChange={(event) => setAgenda(event.target.value)}
            error={errors.agenda}
            testId="meeting-agenda"
          />

          <fieldset className="form__group">
            <legend className="field__label">{t('meetings.form.invitees')}</legend>
            <SelectField
              id={`${id}-scope`}
              field="invitees"
              label={t('meetings.form.scope')}
              options={SCOPES.map((value) => ({ value, label: t(`meetings.scopes.${value}`) }))}
              value={scope}
              onChange={(event) => {
                setScope(event.target.value as Invitees['scope']);
                setFound(null);
              }}
              error={errors.invitees}
              testId="meeting-scope"
            />
            {scope === 'states' && chosenNetwork && (
              <CheckboxGroup
                id={`${id}-states`}
                field="stateCodes"
                legend={t('meetings.form.states')}
                options={chosenNetwork.memberStates.map((state) => ({ value: state.code, label: state.name }))}
                value={stateCodes}
                onChange={(value) => {
                  setStateCodes(value);
                  setFound(null);
                }}
                testId="meeting-states"
              />
            )}
            {scope === 'people' && members.status === 'ready' && (
              <CheckboxGroup
                id={`${id}-people`}
                field="userIds"
                legend={t('meetings.form.people')}
                options={members.data.members.map((member) => ({
                  value: member.id,
                  label: member.authority ? `${member.displayName} (${member.authority.name})` : member.displayName,
                }))}
                value={userIds}
                onChange={(value) => {
                  setUserIds(value);
                  setFound(null);
                }}
                testId="meeting-people"
              />
            )}
            <CheckboxField
              id={`${id}-secretariat`}
              field="includeSecretariat"
              label={t('meetings.form.secretariat')}
              checked={secretariat}
              onChange={(event) => setSecretariat(event.target.checked)}
              testId="meeting-secretariat"
            />
          </fieldset>

          <SelectField
            id={`${id}-duration`}
            field="durationMinutes"
            label={t('meetings.form.duration')}
            options={DURATIONS.map((value) => ({
              value: String(value),
              label: t('meetings.minutes', { count: value }),
            }))}
            value={duration}
            onChange={(event) => {
              setDuration(event.target.value);
              setFound(null);
            }}
            error={errors.durationMinutes}
            testId="meeting-duration"
          />
          <SelectField
            id={`${id}-zone`}
            field="timeZone"
            label={t('meetings.form.timeZone')}
            hint={t('meetings.form.timeZoneHint')}
            options={timeZones(timeZone).map((zone) => ({ value: zone, label: zone }))}
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
            error={errors.timeZone}
            testId="meeting-zone"
          />

          <section className="slot-finder" aria-labelledby={`${id}-slots`}>
            <h2 id={`${id}-slots`} className="slot-finder__title">
              {t('meetings.slots.title')}
            </h2>
            <p className="muted">{t('meetings.slots.intro')}</p>
            <button
              type="button"
              className="button"
              onClick={() => void findSlots()}
              aria-disabled={searching || undefined}
              data-testid="find-slots"
            >
              {searching ? t('common.working') : t('meetings.slots.find')}
            </button>
            <div aria-live="polite">
              {slotError && <Alert>{slotError}</Alert>}
              {found && (
                <SlotList
                  found={found}
                  meetingZone={timeZone}
                  viewerZone={viewerZone}
                  language={language}
                  onChoose={(value) => {
                    setStartLocal(value);
                    document.getElementById(`${id}-start`)?.focus();
                  }}
                />
              )}
            </div>
          </section>

          <TextField
            id={`${id}-start`}
            field="startLocal"
            type="datetime-local"
            label={t('meetings.form.start', { zone: timeZone })}
            value={startLocal}
            onChange={(event) => setStartLocal(event.target.value)}
            error={errors.startLocal}
            testId="meeting-start"
          />
          {startLocal && invitedAuthorities.length > 0 && (
            <div className="field" data-testid="authority-times">
              <p className="field__label">{t('meetings.form.authorityTimes')}</p>
              <ul className="plain-list">
                {timeZone !== viewerZone && (
                  <li>
                    {t('meetings.form.yourTime', {
                      time: localTimeIn(startLocal, timeZone, viewerZone, language),
                      zone: zoneLabel(viewerZone, language),
                    })}
                  </li>
                )}
                {invitedAuthorities.map((authority) => (
                  <li key={authority.id} data-testid="authority-time">
                    {t('meetings.slots.localTime', {
                      name: authority.name,
                      time: `${localTimeIn(startLocal, timeZone, authority.timeZone, language)} (${authority.timeZone})`,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )}

          <SelectField
            id={`${id}-mode`}
            field="mode"
            label={t('meetings.form.mode')}
            options={(['online', 'in_person'] as const).map((value) => ({
              value,
              label: t(`meetings.modes.${value}`),
            }))}
            value={mode}
            onChange={(event) => setMode(event.target.value as ScheduleBody['mode'])}
            error={errors.mode}
            testId="meeting-mode"
          />
          {mode === 'online' ? (
            <TextField
              id={`${id}-url`}
              field="onlineUrl"
              type="url"
              dir="ltr"
              label={t('meetings.form.onlineUrl')}
              hint={t('meetings.form.onlineUrlHint')}
              value={onlineUrl}
              onChange={(event) => setOnlineUrl(event.target.value)}
              error={errors.onlineUrl}
              testId="meeting-url"
            />
          ) : (
            <TextField
              id={`${id}-place`}
              field="place"
              label={t('meetings.form.place')}
              value={place}
              onChange={(event) => setPlace(event.target.value)}
              error={errors.place}
              testId="meeting-place"
            />
          )}

          <SelectField
            id={`${id}-repeat`}
            field="rrule"
            label={t('meetings.form.repeat')}
            options={REPEATS.map((value) => ({ value, label: t(`meetings.repeats.${value}`) }))}
            value={recurrence.repeat}
            onChange={(event) => setRecurrence({ ...recurrence, repeat: event.target.value as Recurrence['repeat'] })}
            error={errors.rrule}
            testId="meeting-repeat"
          />
          {recurrence.repeat !== 'none' && (
            <div className="inline-fields">
              <SelectField
                id={`${id}-end`}
                field="end"
                label={t('meetings.form.ends')}
                options={[
                  { value: 'count', label: t('meetings.form.endsAfter') },
                  { value: 'until', label: t('meetings.form.endsOn') },
                ]}
                value={recurrence.end}
                onChange={(event) => setRecurrence({ ...recurrence, end: event.target.value as Recurrence['end'] })}
                testId="meeting-ends"
              />
              {recurrence.end === 'count' ? (
                <TextField
                  id={`${id}-count`}
                  field="count"
                  type="number"
                  min={1}
                  max={100}
                  className="input--short"
                  label={t('meetings.form.count')}
                  value={String(recurrence.count)}
                  onChange={(event) => setRecurrence({ ...recurrence, count: Number(event.target.value) })}
                  testId="meeting-count"
                />
              ) : (
                <TextField
                  id={`${id}-until`}
                  field="until"
                  type="date"
                  label={t('meetings.form.until')}
                  value={recurrence.until}
                  onChange={(event) => setRecurrence({ ...recurrence, until: event.target.value })}
                  testId="meeting-until"
                />
              )}
            </div>
          )}

          <CheckboxGroup
            id={`${id}-reminders`}
            field="reminderMinutes"
            legend={t('meetings.form.reminders')}
            hint={t('meetings.form.remindersHint')}
            options={REMINDERS.map((minutes) => ({ value: String(minutes), label: reminderLabel(minutes, t) }))}
            value={reminders}
            onChange={setReminders}
            error={errors.reminderMinutes}
            testId="meeting-reminders"
          />

          <div className="form__actions">
            <SubmitButton
              busy={busy}
              label={t('meetings.form.submit')}
              busyLabel={t('common.working')}
              testId="meeting-submit"
            />
          </div>
        </form>
      )}
    </>
  );
}
