/**
 * Whose tickets a caller's statistics count, as SQL over the ticket `ht` and the caller `me` (a named
 * parameter): the secretariat counts every ticket; a coordinator only the tickets of the networks they
 * coordinate. Nobody else reads statistics (the service answers 403 before any query).
 */
export function statisticsScope(me: string): string {
  return `EXISTS (SELECT 1 FROM users su WHERE su.id = ${me} AND su.status = 'active' AND (
    su.role = 'secretariat'
    OR (su.role = 'coordinator' AND EXISTS (
      SELECT 1 FROM helpdesk_ticket_networks stn
        JOIN network_members snm ON snm.network_id = stn.network_id
       WHERE stn.ticket_id = ht.id AND snm.user_id = su.id AND snm.network_role = 'coordinator'
    ))
  ))`;
}

/**
 * The same scope over a bucket of counts `b` (its set of networks `b.network_ids`): the secretariat counts
 * every bucket, a coordinator those whose set shares a network they coordinate, so a ticket of two of
 * their networks is counted once.
 */
export function statisticsBucketScope(me: string): string {
  // Neither subquery depends on the bucket: each runs once per query, not once per row.
  return `(EXISTS (SELECT 1 FROM users su WHERE su.id = ${me} AND su.status = 'active' AND su.role = 'secretariat')
    OR b.network_ids && ARRAY(
      SELECT snm.network_id FROM network_members snm JOIN users su ON su.id = snm.user_id
       WHERE su.id = ${me} AND su.status = 'active' AND su.role = 'coordinator' AND snm.network_role = 'coordinator'
    ))`;
}

/** Roles that may read statistics at all (the scope above then narrows a coordinator's). */
export const STATISTICS_ROLES: readonly string[] = ['secretariat', 'coordinator'];
