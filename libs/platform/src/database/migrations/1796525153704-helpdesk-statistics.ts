import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

/**
 * The helpdesk's statistics, counted as tickets change (issue 18: the answer within 50 ms at 100,000
 * tickets). Triggers on `helpdesk_tickets` and `helpdesk_ticket_networks` add each ticket's categorical
 * facts and working-time durations to buckets (month of filing in the statistics' zone, the ticket's set
 * of networks, its type of cooperation) in the same transaction as the change: a change takes its old
 * facts out and puts the new ones in, so reopening, a new priority or a new status keep them exact.
 * Only categorical columns and durations are read: no free text, no note. A ticket is counted from when
 * it belongs to a network (filing inserts them in its own transaction, a statement after the ticket), so a
 * filing counts once, not in an empty set of networks first.
 */
const APPLY = `
CREATE FUNCTION helpdesk_statistics_apply(changes jsonb) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  zone text;
  zeros jsonb;
BEGIN
  IF changes IS NULL OR jsonb_array_length(changes) = 0 THEN
    RETURN;
  END IF;
  -- Shared: concurrent changes count at once; a rebuild for a new zone waits for them, and they for it.
  SELECT time_zone INTO zone FROM helpdesk_statistics_state WHERE id = 'helpdesk' FOR SHARE;
  IF zone IS NULL THEN
    RETURN;
  END IF;
  -- Rows in one order in every transaction, so that concurrent changes queue rather than deadlock.
  WITH up AS (
  INSERT INTO helpdesk_statistics_counts AS s (month, network_ids, cooperation_type, dimension, key, key2, count)
  SELECT c.month, c.network_ids, c.cooperation_type, d.dimension, d.key, d.key2, sum(c.sign)::int
    FROM (
      SELECT (e->>'sign')::int AS sign, e->'t' AS t,
             ARRAY(SELECT jsonb_array_elements_text(e->'networks') ORDER BY 1)::uuid[] AS network_ids,
             to_char((e->'t'->>'created_at')::timestamptz AT TIME ZONE zone, 'YYYY-MM') AS month,
             e->'t'->>'cooperation_type' AS cooperation_type
        FROM jsonb_array_elements(changes) e
    ) c
    CROSS JOIN LATERAL (VALUES
      ('total', '', ''),
      ('convention', CASE WHEN c.t->>'legal_basis' LIKE 'untoc\\_%' THEN '' END, ''),
      ('status', c.t->>'status', ''),
      ('outcome', c.t->>'outcome', ''),
      ('offenceCategory', c.t->>'offence_category', ''),
      ('legalBasis', c.t->>'legal_basis', ''),
      ('legalInstrument', c.t->>'legal_instrument', ''),
      ('blockageReason', c.t->>'blockage_reason', ''),
      ('refusalGround', COALESCE(c.t->>'outcome_ground', c.t->>'refusal_ground'), ''),
      ('pair', c.t->>'requester_state_code', c.t->>'requested_state_code'),
      ('resolved', to_char((c.t->>'resolved_at')::timestamptz AT TIME ZONE zone, 'YYYY-MM'), '')
    ) d(dimension, key, key2)
   WHERE d.key IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (month, network_ids, cooperation_type, dimension, key, key2)
  DO UPDATE SET count = s.count + EXCLUDED.count
  RETURNING s.*
  )
  SELECT jsonb_agg(to_jsonb(up)) INTO zeros FROM up WHERE up.count = 0;
  -- Rows that fell to 0 (a ticket's bucket before its networks, a fact no ticket has any more) go: only
  -- rows this statement has just locked, so no new wait.
  DELETE FROM helpdesk_statistics_counts s USING jsonb_populate_recordset(NULL::helpdesk_statistics_counts, zeros) z
   WHERE (s.month, s.network_ids, s.cooperation_type, s.dimension, s.key, s.key2) = (z.month, z.network_ids, z.cooperation_type, z.dimension, z.key, z.key2)
     AND s.count = 0;

  WITH up AS (
  INSERT INTO helpdesk_statistics_durations AS s (month, network_ids, cooperation_type, kind, resolved_month, seconds, count)
  SELECT c.month, c.network_ids, c.cooperation_type, d.kind, d.resolved_month, d.seconds, sum(c.sign)::int
    FROM (
      SELECT (e->>'sign')::int AS sign, e->'t' AS t,
             ARRAY(SELECT jsonb_array_elements_text(e->'networks') ORDER BY 1)::uuid[] AS network_ids,
             to_char((e->'t'->>'created_at')::timestamptz AT TIME ZONE zone, 'YYYY-MM') AS month,
             e->'t'->>'cooperation_type' AS cooperation_type
        FROM jsonb_array_elements(changes) e
    ) c
    CROSS JOIN LATERAL (VALUES
      ('response', '', (c.t->>'response_working_s')::int),
      ('resolution', COALESCE(to_char((c.t->>'resolved_at')::timestamptz AT TIME ZONE zone, 'YYYY-MM'), ''),
        (c.t->>'resolution_working_s')::int)
    ) d(kind, resolved_month, seconds)
   WHERE d.seconds IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (month, network_ids, cooperation_type, kind, resolved_month, seconds)
  DO UPDATE SET count = s.count + EXCLUDED.count
  RETURNING s.*
  )
  SELECT jsonb_agg(to_jsonb(up)) INTO zeros FROM up WHERE up.count = 0;
  DELETE FROM helpdesk_statistics_durations s USING jsonb_populate_recordset(NULL::helpdesk_statistics_durations, zeros) z
   WHERE (s.month, s.network_ids, s.cooperation_type, s.kind, s.resolved_month, s.seconds) = (z.month, z.network_ids, z.cooperation_type, z.kind, z.resolved_month, z.seconds)
     AND s.count = 0;
END
$fn$`;

/** What the statistics read of a ticket: a change of anything else (an SLA re-plan, a priority) moves nothing. */
const FACTS = [
  'status',
  'outcome',
  'outcome_ground',
  'refusal_ground',
  'cooperation_type',
  'offence_category',
  'legal_basis',
  'legal_instrument',
  'blockage_reason',
  'requester_state_code',
  'requested_state_code',
  'created_at',
  'resolved_at',
  'response_working_s',
  'resolution_working_s',
];

/**
 * A ticket as the statistics see it, signed +1 or -1: its categorical facts and durations only (never a
 * sealed text), and its current networks.
 */
const change = (sign: number, row: string, networks: string) =>
  `jsonb_build_object('sign', ${sign}, 't', jsonb_build_object(${FACTS.map((column) => `'${column}', ${row}.${column}`).join(', ')}), 'networks', ${networks})`;
const networksOf = (ticket: string) =>
  `COALESCE((SELECT jsonb_agg(x.network_id) FROM helpdesk_ticket_networks x WHERE x.ticket_id = ${ticket}), '[]')`;

const TICKETS = `
CREATE FUNCTION helpdesk_statistics_tickets() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM helpdesk_statistics_apply((SELECT jsonb_agg(${change(1, 'n', networksOf('n.id'))}) FROM new_rows n WHERE EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = n.id)));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM helpdesk_statistics_apply((
      SELECT jsonb_agg(c) FROM (
        SELECT ${change(-1, 'o', networksOf('o.id'))} AS c, o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
         WHERE (${FACTS.map((column) => `o.${column}`).join(', ')}) IS DISTINCT FROM (${FACTS.map((column) => `n.${column}`).join(', ')})
           AND EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = n.id)
        UNION ALL
        SELECT ${change(1, 'n', networksOf('n.id'))}, n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
         WHERE (${FACTS.map((column) => `o.${column}`).join(', ')}) IS DISTINCT FROM (${FACTS.map((column) => `n.${column}`).join(', ')})
           AND EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = n.id)
      ) changed
    ));
  END IF;
  RETURN NULL;
END
$fn$`;

/** Before a ticket is deleted (its networks are still there): its facts leave the counts. */
const TICKET_DELETED = `
CREATE FUNCTION helpdesk_statistics_ticket_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = OLD.id) THEN
    PERFORM helpdesk_statistics_apply(jsonb_build_array(${change(-1, 'OLD', networksOf('OLD.id'))}));
  END IF;
  RETURN OLD;
END
$fn$`;

/**
 * A ticket's networks changed (by a statement that may add several at once): its facts move from the set
 * it had before the statement to the one it has now. A ticket deleted with its networks was taken out above.
 */
const NETWORKS = `
CREATE FUNCTION helpdesk_statistics_networks() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM helpdesk_statistics_apply((
      SELECT jsonb_agg(c) FROM (
        SELECT ${change(-1, 't', `COALESCE((SELECT jsonb_agg(x.network_id) FROM helpdesk_ticket_networks x WHERE x.ticket_id = t.id AND x.network_id <> ALL (touched.networks)), '[]')`)} AS c
          FROM (SELECT ticket_id, array_agg(network_id) AS networks FROM new_rows GROUP BY ticket_id) touched
          JOIN helpdesk_tickets t ON t.id = touched.ticket_id
         WHERE EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = t.id AND y.network_id <> ALL (touched.networks))
        UNION ALL
        SELECT ${change(1, 't', networksOf('t.id'))}
          FROM (SELECT DISTINCT ticket_id FROM new_rows) touched JOIN helpdesk_tickets t ON t.id = touched.ticket_id
      ) changed
    ));
  ELSE
    PERFORM helpdesk_statistics_apply((
      SELECT jsonb_agg(c) FROM (
        SELECT ${change(-1, 't', `(SELECT jsonb_agg(x.network_id) FROM (SELECT network_id FROM helpdesk_ticket_networks WHERE ticket_id = t.id UNION SELECT unnest(touched.networks)) x)`)} AS c
          FROM (SELECT ticket_id, array_agg(network_id) AS networks FROM old_rows GROUP BY ticket_id) touched
          JOIN helpdesk_tickets t ON t.id = touched.ticket_id
        UNION ALL
        SELECT ${change(1, 't', networksOf('t.id'))}
          FROM (SELECT DISTINCT ticket_id FROM old_rows) touched JOIN helpdesk_tickets t ON t.id = touched.ticket_id
         WHERE EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = t.id)
      ) changed
    ));
  END IF;
  RETURN NULL;
END
$fn$`;

/** Counts every ticket again in `zone` (the migration, and a change of the secretariat's zone). */
const REBUILD = `
CREATE FUNCTION helpdesk_statistics_rebuild(zone text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO helpdesk_statistics_state (id, time_zone) VALUES ('helpdesk', zone)
  ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone;
  -- The row lock taken above keeps every counting change out until this transaction ends.
  DELETE FROM helpdesk_statistics_counts;
  DELETE FROM helpdesk_statistics_durations;
  PERFORM helpdesk_statistics_apply((SELECT jsonb_agg(${change(1, 't', networksOf('t.id'))}) FROM helpdesk_tickets t WHERE EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = t.id)));
END
$fn$`;

export class HelpdeskStatistics1796525153704 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_counts" ("month" text NOT NULL, "network_ids" uuid array NOT NULL, "cooperation_type" text NOT NULL, "dimension" text NOT NULL, "key" text NOT NULL, "key2" text NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_3f54856fd7d1dcba01e3b267f12" PRIMARY KEY ("month", "network_ids", "cooperation_type", "dimension", "key", "key2"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_durations" ("month" text NOT NULL, "network_ids" uuid array NOT NULL, "cooperation_type" text NOT NULL, "kind" text NOT NULL, "resolved_month" text NOT NULL, "seconds" integer NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_958233e9cdacec26ae5e77c2c00" PRIMARY KEY ("month", "network_ids", "cooperation_type", "kind", "resolved_month", "seconds"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_state" ("id" text NOT NULL, "time_zone" text NOT NULL, CONSTRAINT "PK_f2c4142e72ef9ff8adb979d92f8" PRIMARY KEY ("id"))`,
    );
    for (const sql of [APPLY, TICKETS, TICKET_DELETED, NETWORKS, REBUILD]) await queryRunner.query(sql);
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_tickets_inserted AFTER INSERT ON helpdesk_tickets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION helpdesk_statistics_tickets()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_tickets_updated AFTER UPDATE ON helpdesk_tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION helpdesk_statistics_tickets()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_ticket_deleted BEFORE DELETE ON helpdesk_tickets FOR EACH ROW EXECUTE FUNCTION helpdesk_statistics_ticket_deleted()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_networks_inserted AFTER INSERT ON helpdesk_ticket_networks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION helpdesk_statistics_networks()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_networks_deleted AFTER DELETE ON helpdesk_ticket_networks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION helpdesk_statistics_networks()`,
    );
    // The tickets so far, in the secretariat's zone (Vienna until an admin sets another).
    await queryRunner.query(
      `SELECT helpdesk_statistics_rebuild(COALESCE((SELECT time_zone FROM working_calendars WHERE id = 'secretariat'), 'Europe/Vienna'))`,
    );
    // The triggers write the counts as whoever changes a ticket; the service only reads them (and rebuilds).
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON "helpdesk_statistics_counts", "helpdesk_statistics_durations" TO ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "helpdesk_statistics_state" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_networks_deleted ON helpdesk_ticket_networks`);
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_networks_inserted ON helpdesk_ticket_networks`);
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_ticket_deleted ON helpdesk_tickets`);
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_tickets_updated ON helpdesk_tickets`);
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_tickets_inserted ON helpdesk_tickets`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_rebuild(text)`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_networks()`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_ticket_deleted()`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_tickets()`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_apply(jsonb)`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_state"`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_durations"`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_counts"`);
  }
}
