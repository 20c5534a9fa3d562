import type { EntityManager } from 'typeorm';
import type { Role } from '@liaison/identity';

/**
 * Who is invited, as SQL on `users u` for the meeting `m`: read whenever it matters (a reminder, a notice,
 * a read), so someone who leaves the network stops being invited and someone who joins starts, for every
 * occurrence still to come. Named people must still be members of the network too (or the secretariat);
 * suspended accounts are nobody's invitees.
 */
export function inviteeCondition(m: string, u: string): string {
  const member = `EXISTS (SELECT 1 FROM network_members nm WHERE nm.network_id = ${m}.network_id AND nm.user_id = ${u}.id)`;
  return `(${u}.status = 'active' AND (
    (${m}.invite_scope = 'network' AND ${member})
    OR (${m}.invite_scope = 'states' AND ${member} AND EXISTS (
      SELECT 1 FROM authorities a WHERE a.id = ${u}.authority_id AND a.state_code = ANY(${m}.state_codes)))
    OR (${m}.invite_scope = 'people' AND ${u}.id = ANY(${m}.invitee_ids) AND (${member} OR ${u}.role = 'secretariat'))
    OR (${m}.include_secretariat AND ${u}.role = 'secretariat')))`;
}

/** Coordinates the meeting's network. */
export function coordinatorCondition(m: string, userParam: string): string {
  return `EXISTS (SELECT 1 FROM network_members nc WHERE nc.network_id = ${m}.network_id AND nc.user_id = ${userParam} AND nc.network_role = 'coordinator')`;
}

/**
 * Who sees a meeting, as SQL on `m` with the viewer's id and role as named parameters: its invitees, the
 * network's coordinators and the secretariat. Everyone else is told it does not exist.
 */
export function visibleCondition(m: string, userParam = ':viewerId', roleParam = ':viewerRole'): string {
  return `(${roleParam} = 'secretariat' OR ${coordinatorCondition(m, userParam)}
    OR EXISTS (SELECT 1 FROM users vu WHERE vu.id = ${userParam} AND ${inviteeCondition(m, 'vu')}))`;
}

/** Roles that may ever schedule: only a network's coordinators do, checked per network. */
export const mayEverSchedule = (role: Role): boolean => role === 'coordinator';

/** The meeting's invitees now (active accounts only). */
export async function inviteeIds(manager: EntityManager, meetingId: string): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT u.id FROM meetings m JOIN users u ON ${inviteeCondition('m', 'u')} WHERE m.id = $1`,
    [meetingId],
  );
  return rows.map((row) => row.id);
}
