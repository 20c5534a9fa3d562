import { CLOSED_WEEK, OfficeHours } from '@liaison/contracts';
import { scheduleFor } from './office-hours';

const weekdays9to12: OfficeHours = {
  ...CLOSED_WEEK,
  mon: [{ start: '09:00', end: '12:00' }],
  tue: [{ start: '09:00', end: '12:00' }],
  wed: [{ start: '09:00', end: '12:00' }],
  thu: [{ start: '09:00', end: '12:00' }],
  fri: [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '17:00' },
  ],
};

describe('office hours in the viewer’s zone', () => {
  it('converts Paris hours to Mauritius time in winter (UTC+1 → UTC+4)', () => {
    const schedule = scheduleFor(weekdays9to12, 'Europe/Paris', 'Indian/Mauritius', new Date('2026-11-30T07:00:00Z'));
    expect(schedule.week[0]).toMatchObject({
      authorityDay: 'mon',
      authorityStart: '09:00',
      viewerDay: 'mon',
      viewerStart: '12:00',
      viewerEnd: '15:00',
    });
    expect(schedule.week[0].start).toBe('2026-11-30T08:00:00.000Z');
  });

  it('follows the daylight-saving change: the same Paris 09:00 is 11:00 in Mauritius after it', () => {
    // Paris moves to summer time on Sunday 29 March 2026.
    const schedule = scheduleFor(weekdays9to12, 'Europe/Paris', 'Indian/Mauritius', new Date('2026-03-26T06:00:00Z'));
    const thursday = schedule.week.find((opening) => opening.authorityDay === 'thu');
    const monday = schedule.week.find((opening) => opening.authorityDay === 'mon');
    expect(thursday).toMatchObject({ viewerStart: '12:00' });
    expect(monday).toMatchObject({ viewerStart: '11:00' });
    expect(monday?.start).toBe('2026-03-30T07:00:00.000Z');
  });

  it('moves an opening to another day when the zones are far apart', () => {
    const schedule = scheduleFor(
      weekdays9to12,
      'Indian/Mauritius',
      'America/Port-au-Prince',
      new Date('2026-11-30T04:00:00Z'),
    );
    expect(schedule.week[0]).toMatchObject({
      authorityDay: 'mon',
      authorityStart: '09:00',
      viewerDay: 'mon',
      viewerStart: '00:00',
    });
    const friday = schedule.week.filter((opening) => opening.authorityDay === 'fri');
    expect(friday[0]).toMatchObject({ viewerDay: 'fri', viewerStart: '00:00' });
  });

  it('says whether the office is open now', () => {
    const open = scheduleFor(weekdays9to12, 'Africa/Bamako', 'Africa/Bamako', new Date('2026-12-04T15:30:00Z'));
    const closed = scheduleFor(weekdays9to12, 'Africa/Bamako', 'Africa/Bamako', new Date('2026-12-05T10:00:00Z'));
    expect(open.openNow).toBe(true);
    expect(closed.openNow).toBe(false);
  });
});
