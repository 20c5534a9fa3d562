import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { MeetingAnswered } from '@liaison/meetings';
import { call, signIn } from '../support/auth';
import { storedRows as rows } from '../support/database';
import { createDirectoryFixture, DirectoryFixture } from '../support/directory';
import { createUser, TestUser } from '../support/factories';
import { ReceivedMail, TestSmtpServer } from '../support/mail';
import { eventually, queueEnv, withWorkers } from '../support/queues';
import { connectSocket } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(240_000);

interface Meeting {
  id: string;
  sequence: number;
  cancelled: boolean;
  canManage: boolean;
  occurrences: {
    occurrenceId: string;
    start: string;
    viewerStart: string;
    cancelled: boolean;
    myAnswer: string | null;
  }[];
}

/** The .ics of a received e-mail (its text/calendar part), parsed by ical.js; null without one. */
const calendarOf = (mail: ReceivedMail): ICAL.Component | null => {
  const part = mail.parsed.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
  return part ? new ICAL.Component(ICAL.parse(part.content.toString('utf8'))) : null;
};
/** Fails the test, with what was missing, rather than asserting non-null. */
const present = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw new Error(`no ${what}`);
  return value;
};
const veventOf = (calendar: ICAL.Component) => present(calendar.getFirstSubcomponent('vevent'), 'VEVENT');
const uidOf = (calendar: ICAL.Component | null) =>
  calendar?.getFirstSubcomponent('vevent')?.getFirstPropertyValue('uid')?.toString();

/** A local start in `zone` for an instant on a whole minute. */
const localIn = (instant: number, zone: string) =>
  DateTime.fromMillis(instant, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");

const reminderRows = (meetingId: string) =>
  rows<{ user_id: string; channel: string; status: string; message_id: string | null; created_at: Date }>(
    `SELECT d.user_id, d.channel, d.status, d.message_id, d.created_at FROM notification_deliveries d
       JOIN notification_events e ON e.id = d.event_id
      WHERE e.kind = 'meeting.reminder' AND e.link = $1 ORDER BY d.created_at`,
    [`/meetings/${meetingId}`],
  );

describe('network meetings', () => {
  let smtp: TestSmtpServer;
  let api: RunningApp;
  let directory: DirectoryFixture;
  let adminToken: string;
  let coordinator: TestUser;
  let coordinatorToken: string;
  let alice: TestUser;
  let aliceToken: string;
  let bob: TestUser;
  let bobToken: string;
  let carol: TestUser;
  let outsiderToken: string;
  let otherCoordinatorToken: string;
  let otherCoordinator: TestUser;

  const send = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const response = await call(api, method, `/api${path}`, { token, body });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
  };
  const schedule = (token: string, changes: Record<string, unknown> = {}) =>
    send<Meeting>(token, 'POST', '/meetings', {
      networkId: directory.networkId,
      title: 'Focal points meeting',
      agenda: '1. Pending requests\n2. Any other business',
      startLocal: '2027-01-12T10:00',
      timeZone: 'Indian/Mauritius',
      durationMinutes: 60,
      mode: 'online',
      onlineUrl: 'https://meet.example.org/ioc',
      invitees: { scope: 'network' },
      ...changes,
    });

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    api = await withWorkers(await startApp({ env: queueEnv(smtp.port) }));
    adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    directory = await createDirectoryFixture(api, adminToken, { stateCode: 'QM' });
    const inFixture = { authorityId: directory.authorityId, timeZone: 'Indian/Mauritius' };
    coordinator = await createUser(api.app, 'coordinator', inFixture);
    alice = await createUser(api.app, 'focal_point', inFixture);
    bob = await createUser(api.app, 'focal_point', { ...inFixture, timeZone: 'Europe/Paris' });
    carol = await createUser(api.app, 'focal_point', inFixture);
    for (const user of [alice, bob, carol]) {
      const added = await send(adminToken, 'POST', `/networks/${directory.networkId}/members`, { userId: user.id });
      expect(added.status).toBe(201);
    }
    const coordinators = await send(adminToken, 'PUT', `/networks/${directory.networkId}/coordinators`, {
      userIds: [coordinator.id],
    });
    expect(coordinators.status).toBe(200);
    coordinatorToken = (await signIn(api, coordinator)).accessToken;
    aliceToken = (await signIn(api, alice)).accessToken;
    bobToken = (await signIn(api, bob)).accessToken;
    outsiderToken = (await signIn(api, await createUser(api.app, 'focal_point'))).accessToken;
    otherCoordinator = await createUser(api.app, 'coordinator');
    otherCoordinatorToken = (await signIn(api, otherCoordinator)).accessToken;
  });
  afterAll(async () => {
    // Nothing of this suite may remind anyone later: its meetings are cancelled.
    await rows(`UPDATE meetings SET cancelled_at = now() WHERE network_id = $1 AND cancelled_at IS NULL`, [
      directory.networkId,
    ]);
    await api.close();
    await smtp.stop();
  });

  it('lets only a coordinator of the network schedule (403), and hides a meeting from whoever is not invited (404)', async () => {
    expect((await schedule(otherCoordinatorToken)).status).toBe(403);
    expect((await schedule(aliceToken)).status).toBe(403);
    const badZone = await schedule(coordinatorToken, { timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(JSON.stringify(badZone.body)).toContain('timeZone');
    const badRule = await schedule(coordinatorToken, { rrule: 'FREQ=MINUTELY' });
    expect(badRule.status).toBe(400);

    const created = await schedule(coordinatorToken, { rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3' });
    expect(created.status).toBe(201);
    expect(created.body.canManage).toBe(true);
    const id = created.body.id;
    expect((await send(outsiderToken, 'GET', `/meetings/${id}`)).status).toBe(404);
    expect((await send(otherCoordinatorToken, 'GET', `/meetings/${id}`)).status).toBe(404);
    expect((await send(outsiderToken, 'GET', `/meetings/${id}/calendar.ics`)).status).toBe(404);
    expect((await send(outsiderToken, 'PUT', `/meetings/${id}/answers/mine`, { answer: 'accepted' })).status).toBe(404);
    expect((await send(otherCoordinatorToken, 'POST', `/meetings/${id}/cancel`)).status).toBe(404);
    const outsiderList = await send<{ items: Meeting[] }>(outsiderToken, 'GET', '/meetings');
    expect(outsiderList.body.items.map((meeting) => meeting.id)).not.toContain(id);

    // An invitee sees it in their own zone, and may not change it.
    const seenByBob = await send<Meeting>(bobToken, 'GET', `/meetings/${id}`);
    expect(seenByBob.status).toBe(200);
    expect(seenByBob.body.canManage).toBe(false);
    expect(seenByBob.body.occurrences.map((o) => o.viewerStart)).toEqual([
      '2027-01-12T07:00+01:00',
      '2027-02-09T07:00+01:00',
      '2027-03-09T07:00+01:00',
    ]);
    expect((await send(bobToken, 'POST', `/meetings/${id}/cancel`)).status).toBe(403);

    // The agenda: the occurrences in a window, in the viewer's zone; nothing of it for the outsider.
    const window = '/meetings/agenda?from=2027-01-01T00:00:00Z&to=2027-02-15T00:00:00Z';
    const agenda = await send<{ meetingId: string; occurrenceId: string; viewerStart: string }[]>(
      bobToken,
      'GET',
      window,
    );
    expect(agenda.status).toBe(200);
    expect(
      agenda.body.filter((item) => item.meetingId === id).map((item) => [item.occurrenceId, item.viewerStart]),
    ).toEqual([
      ['2027-01-12T10:00', '2027-01-12T07:00+01:00'],
      ['2027-02-09T10:00', '2027-02-09T07:00+01:00'],
    ]);
    const outsiderAgenda = await send<{ meetingId: string }[]>(outsiderToken, 'GET', window);
    expect(outsiderAgenda.body.map((item) => item.meetingId)).not.toContain(id);
    const tooLong = await send(bobToken, 'GET', '/meetings/agenda?from=2027-01-01T00:00:00Z&to=2027-06-01T00:00:00Z');
    expect(tooLong.status).toBe(400);
    const list = await send<{ items: Meeting[] }>(aliceToken, 'GET', '/meetings');
    expect(list.body.items.map((meeting) => meeting.id)).toContain(id);
  });

  it('e-mails an .ics (REQUEST, then CANCEL with the same UID and a higher SEQUENCE), and one occurrence alone', async () => {
    const created = await schedule(coordinatorToken, {
      rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3',
      title: 'Calendar check',
    });
    const id = created.body.id;
    const invitation = await eventually(
      () => smtp.to(alice.email).find((mail) => uidOf(calendarOf(mail))?.includes(id)),
      15_000,
      'the invitation',
    );
    const request = present(calendarOf(invitation), 'calendar part');
    expect(request.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = veventOf(request);
    const uid = event.getFirstPropertyValue('uid');
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Indian/Mauritius');
    expect(request.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Indian/Mauritius');
    expect(invitation.parsed.text).toContain(`/meetings/${id}`);

    const one = await send<Meeting>(coordinatorToken, 'POST', `/meetings/${id}/occurrences/2027-02-09T10:00/cancel`);
    expect(one.status).toBe(201);
    expect(one.body.occurrences.find((o) => o.occurrenceId === '2027-02-09T10:00')?.cancelled).toBe(true);
    const cancelled = await send<Meeting>(coordinatorToken, 'POST', `/meetings/${id}/cancel`);
    expect(cancelled.body.sequence).toBe(2);

    const cancels = await eventually(
      () => {
        const found = smtp
          .to(alice.email)
          .map(calendarOf)
          .filter((calendar): calendar is ICAL.Component => uidOf(calendar) === uid)
          .filter((calendar) => calendar.getFirstPropertyValue('method') === 'CANCEL');
        return found.length === 2 && found;
      },
      15_000,
      'both cancellations',
    );
    const byRecurrence = (calendar: ICAL.Component) => veventOf(calendar).getFirstProperty('recurrence-id');
    const occurrenceCancel = present(
      cancels.find((calendar) => byRecurrence(calendar)),
      'occurrence CANCEL',
    );
    const seriesCancel = present(
      cancels.find((calendar) => !byRecurrence(calendar)),
      'series CANCEL',
    );
    expect(String(veventOf(occurrenceCancel).getFirstPropertyValue('recurrence-id'))).toBe('2027-02-09T10:00:00');
    expect(veventOf(occurrenceCancel).getFirstPropertyValue('sequence')).toBe(1);
    expect(veventOf(seriesCancel).getFirstPropertyValue('sequence')).toBe(2);
    expect(veventOf(seriesCancel).getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('reminds once per invitee and channel at the right instant; never for the old time, a cancelled meeting, a decliner or someone removed', async () => {
    // A start on a whole minute, at least 75 s away; reminders 1 minute before.
    const start = Math.ceil((Date.now() + 75_000) / 60_000) * 60_000;
    const zone = 'Indian/Mauritius';
    const base = { startLocal: localIn(start, zone), timeZone: zone, reminderMinutes: [1] };
    const kept = (await schedule(coordinatorToken, { ...base, title: 'Kept' })).body;
    const moved = (await schedule(coordinatorToken, { ...base, title: 'Moved' })).body;
    const dropped = (await schedule(coordinatorToken, { ...base, title: 'Dropped' })).body;

    // Bob declines the kept meeting; Carol leaves the network; the second is moved a minute later, the third cancelled.
    expect((await send(bobToken, 'PUT', `/meetings/${kept.id}/answers/mine`, { answer: 'declined' })).status).toBe(200);
    expect((await send(adminToken, 'DELETE', `/networks/${directory.networkId}/members/${carol.id}`)).status).toBe(204);
    const movedChange = await send<Meeting>(coordinatorToken, 'PATCH', `/meetings/${moved.id}`, {
      title: 'Moved',
      startLocal: localIn(start + 60_000, zone),
      timeZone: zone,
      durationMinutes: 60,
      mode: 'online',
      onlineUrl: 'https://meet.example.org/ioc',
      reminderMinutes: [1],
    });
    expect(movedChange.status).toBe(200);
    expect((await send(coordinatorToken, 'POST', `/meetings/${dropped.id}/cancel`)).status).toBe(201);

    const due = start - 60_000;
    const keptRows = await eventually(
      async () => {
        const found = await reminderRows(kept.id);
        return found.length > 0 && found.every((row) => row.status === 'sent') && found;
      },
      due - Date.now() + 15_000,
      'the reminder of the kept meeting',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sent = await reminderRows(kept.id);
    // Alice and the coordinator, each in the bell and by e-mail, once; not Bob (declined) nor Carol (removed).
    expect(sent.map((row) => `${row.user_id}/${row.channel}`).sort()).toEqual(
      [`${alice.id}/email`, `${alice.id}/in_app`, `${coordinator.id}/email`, `${coordinator.id}/in_app`].sort(),
    );
    for (const row of keptRows) {
      expect(row.created_at.getTime()).toBeGreaterThanOrEqual(due - 100);
      expect(row.created_at.getTime()).toBeLessThan(due + 3000);
    }
    const bell = await rows<{ id: string }>(
      `SELECT n.id FROM notifications n JOIN notification_events e ON e.id = n.event_id
        WHERE n.user_id = $1 AND e.kind = 'meeting.reminder' AND e.link = $2`,
      [alice.id, `/meetings/${kept.id}`],
    );
    expect(bell).toHaveLength(1);
    expect((await reminderRows(moved.id)).length).toBe(0);
    // A change after the reminder went out (a new version) announces itself, and does not remind again.
    const retitled = await send<Meeting>(coordinatorToken, 'PATCH', `/meetings/${kept.id}`, {
      title: 'Kept, retitled',
      startLocal: base.startLocal,
      timeZone: zone,
      durationMinutes: 60,
      mode: 'online',
      onlineUrl: 'https://meet.example.org/ioc',
      reminderMinutes: [1],
    });
    expect(retitled.body.sequence).toBe(1);

    // The moved meeting reminds at its new time only, once.
    const movedRows = await eventually(
      async () => {
        const found = await reminderRows(moved.id);
        return found.length === 6 && found;
      },
      start - Date.now() + 15_000,
      'the reminder at the new time',
    );
    for (const row of movedRows) expect(row.created_at.getTime()).toBeGreaterThanOrEqual(start - 100);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Bob did not decline this one: he is reminded too.
    expect(await reminderRows(moved.id)).toHaveLength(6);
    expect(await reminderRows(dropped.id)).toHaveLength(0);
    expect(await reminderRows(kept.id)).toHaveLength(4);
    const claims = await rows<{ version: number }>('SELECT version FROM meeting_reminders WHERE meeting_id = $1', [
      moved.id,
    ]);
    expect(claims).toEqual([{ version: 1 }]);
  });

  it('takes answers per series and per occurrence, shown live to the organizer; only invitees answer', async () => {
    const created = await schedule(coordinatorToken, { rrule: 'FREQ=WEEKLY;COUNT=4', title: 'Answers' });
    const id = created.body.id;
    const second = created.body.occurrences[1].occurrenceId;
    const socket = await connectSocket(api, { token: coordinatorToken });
    try {
      const live = new Promise<MeetingAnswered>((resolve) => socket.once('meeting.answered', resolve));
      const accepted = await send<Meeting>(aliceToken, 'PUT', `/meetings/${id}/answers/mine`, { answer: 'accepted' });
      expect(accepted.status).toBe(200);
      expect(await live).toEqual({ meetingId: id, userId: alice.id, occurrenceId: '*', answer: 'accepted' });
    } finally {
      socket.close();
    }
    const declined = await send<Meeting>(aliceToken, 'PUT', `/meetings/${id}/answers/mine`, {
      answer: 'declined',
      occurrenceId: second,
    });
    expect(declined.body.occurrences.map((o) => o.myAnswer)).toEqual(['accepted', 'declined', 'accepted', 'accepted']);
    const wrong = await send(aliceToken, 'PUT', `/meetings/${id}/answers/mine`, {
      answer: 'declined',
      occurrenceId: '2031-01-01T10:00',
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('occurrenceId');
    expect((await send(adminToken, 'PUT', `/meetings/${id}/answers/mine`, { answer: 'accepted' })).status).toBe(404);

    const answers = await send<{ userId: string; occurrenceId: string; answer: string }[]>(
      coordinatorToken,
      'GET',
      `/meetings/${id}/answers`,
    );
    expect(answers.body.map(({ userId, occurrenceId, answer }) => ({ userId, occurrenceId, answer }))).toEqual(
      expect.arrayContaining([
        { userId: alice.id, occurrenceId: '*', answer: 'accepted' },
        { userId: alice.id, occurrenceId: second, answer: 'declined' },
      ]),
    );
    expect((await send(aliceToken, 'GET', `/meetings/${id}/answers`)).status).toBe(403);
  });

  it('posts the minutes: a forum thread of the network and a notice to the invitees', async () => {
    const id = (await schedule(coordinatorToken, { title: 'Minutes' })).body.id;
    expect((await send(aliceToken, 'PUT', `/meetings/${id}/minutes`, { minutes: '# Minutes' })).status).toBe(403);
    const posted = await send<Meeting & { minutes: string; forumThreadId: string }>(
      coordinatorToken,
      'PUT',
      `/meetings/${id}/minutes`,
      { minutes: '# Minutes\n\n- Agreed on a checklist.' },
    );
    expect(posted.status).toBe(200);
    expect(posted.body.minutes).toContain('checklist');
    const thread = await send<{ kind: string; network: { id: string } }>(
      aliceToken,
      'GET',
      `/threads/${posted.body.forumThreadId}`,
    );
    expect(thread.status).toBe(200);
    expect(thread.body).toMatchObject({ kind: 'forum', network: { id: directory.networkId } });
    await eventually(
      async () =>
        (
          await rows(
            `SELECT n.id FROM notifications n JOIN notification_events e ON e.id = n.event_id
              WHERE n.user_id = $1 AND e.kind = 'meeting.minutes' AND e.link = $2`,
            [alice.id, `/meetings/${id}`],
          )
        ).length === 1,
      10_000,
      'the minutes notice',
    );
  });

  it('proposes slots inside every invited authority’s office hours, with each one’s local time', async () => {
    const found = await send<{
      common: boolean;
      authorities: { id: string }[];
      slots: { start: string; allInside: boolean; local: { id: string; start: string }[] }[];
    }>(coordinatorToken, 'POST', '/meeting-slots', {
      networkId: directory.networkId,
      invitees: { scope: 'network' },
      durationMinutes: 60,
      weeks: 2,
      limit: 20,
    });
    expect(found.status).toBe(200);
    expect(found.body.common).toBe(true);
    expect(found.body.authorities.map((authority) => authority.id)).toEqual([directory.authorityId]);
    expect(found.body.slots).toHaveLength(20);
    for (const slot of found.body.slots) {
      expect(slot.allInside).toBe(true);
      // The fixture's office hours: 08:00–16:00, Monday to Friday, Indian/Mauritius.
      const local = DateTime.fromISO(slot.local[0].start, { setZone: true });
      expect(local.weekday).toBeLessThanOrEqual(5);
      expect(local.hour).toBeGreaterThanOrEqual(8);
      expect(local.hour * 60 + local.minute + 60).toBeLessThanOrEqual(16 * 60);
    }
    expect(
      (
        await send(otherCoordinatorToken, 'POST', '/meeting-slots', {
          networkId: directory.networkId,
          invitees: { scope: 'network' },
          durationMinutes: 60,
        })
      ).status,
    ).toBe(403);
  });

  it('invites who joins the network to its coming meetings', async () => {
    const id = (await schedule(coordinatorToken, { title: 'Joiners welcome' })).body.id;
    const dave = await createUser(api.app, 'focal_point', { authorityId: directory.authorityId });
    const daveToken = (await signIn(api, dave)).accessToken;
    expect((await send(daveToken, 'GET', `/meetings/${id}`)).status).toBe(404);
    expect(
      (await send(adminToken, 'POST', `/networks/${directory.networkId}/members`, { userId: dave.id })).status,
    ).toBe(201);
    expect((await send(daveToken, 'GET', `/meetings/${id}`)).status).toBe(200);
    const invitation = await eventually(
      () => smtp.to(dave.email).find((mail) => uidOf(calendarOf(mail))?.includes(id)),
      15_000,
      'the joiner’s invitation',
    );
    expect(present(calendarOf(invitation), 'calendar part').getFirstPropertyValue('method')).toBe('REQUEST');
  });

  it('moves one occurrence: the .ics REQUEST carries it as a RECURRENCE-ID instance, the rest of the series unchanged', async () => {
    const created = await schedule(coordinatorToken, { rrule: 'FREQ=WEEKLY;COUNT=3', title: 'Move one' });
    const id = created.body.id;
    const [, second] = created.body.occurrences;
    const wrong = await send(coordinatorToken, 'PATCH', `/meetings/${id}/occurrences/2027-01-13T10:00`, {
      startLocal: '2027-01-20T15:00',
    });
    expect(wrong.status).toBe(400);
    expect(
      (
        await send(bobToken, 'PATCH', `/meetings/${id}/occurrences/${second.occurrenceId}`, {
          startLocal: '2027-01-20T15:00',
        })
      ).status,
    ).toBe(403);
    const moved = await send<Meeting>(coordinatorToken, 'PATCH', `/meetings/${id}/occurrences/${second.occurrenceId}`, {
      startLocal: '2027-01-20T15:00',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.sequence).toBe(1);
    expect(moved.body.occurrences.map((o) => [o.occurrenceId, o.viewerStart])).toEqual([
      ['2027-01-12T10:00', '2027-01-12T10:00+04:00'],
      ['2027-01-19T10:00', '2027-01-20T15:00+04:00'],
      ['2027-01-26T10:00', '2027-01-26T10:00+04:00'],
    ]);
    const request = await eventually(
      () =>
        smtp
          .to(alice.email)
          .map(calendarOf)
          .find(
            (calendar) =>
              calendar !== null &&
              uidOf(calendar)?.includes(id) &&
              Number(veventOf(calendar).getFirstPropertyValue('sequence')) === 1,
          ),
      15_000,
      'the changed invitation',
    );
    expect(request?.getFirstPropertyValue('method')).toBe('REQUEST');
    const instance = present(
      request?.getAllSubcomponents('vevent').find((event) => event.getFirstProperty('recurrence-id')),
      'moved instance',
    );
    expect(String(instance.getFirstPropertyValue('recurrence-id'))).toBe('2027-01-19T10:00:00');
    expect(String(instance.getFirstPropertyValue('dtstart'))).toBe('2027-01-20T15:00:00');
  });

  it('invites chosen member States only, and refuses a State that is not a member', async () => {
    const refused = await schedule(coordinatorToken, { invitees: { scope: 'states', stateCodes: ['ZZ'] } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('invitees.stateCodes');
    const id = (
      await schedule(coordinatorToken, { invitees: { scope: 'states', stateCodes: ['QM'] }, title: 'States' })
    ).body.id;
    expect((await send(aliceToken, 'GET', `/meetings/${id}`)).status).toBe(200);
    const people = (
      await schedule(coordinatorToken, { invitees: { scope: 'people', userIds: [bob.id] }, title: 'People' })
    ).body.id;
    expect((await send(bobToken, 'GET', `/meetings/${people}`)).status).toBe(200);
    expect((await send(aliceToken, 'GET', `/meetings/${people}`)).status).toBe(404);
    const outsider = await schedule(coordinatorToken, {
      invitees: { scope: 'people', userIds: [otherCoordinator.id] },
    });
    expect(outsider.status).toBe(400);
    expect(JSON.stringify(outsider.body)).toContain('invitees.userIds');
  });
});
