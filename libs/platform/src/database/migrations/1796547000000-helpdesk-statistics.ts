import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

/**
 * The helpdesk's statistics, kept as counts (issue 18: the answer within 50 ms at 100,000 tickets).
 *
 * A change of a ticket's counted facts, or of its networks, only queues the ticket id in
 * `helpdesk_statistics_pending` (one small insert by a trigger, in the change's transaction: filings,
 * which hold the reference counter's row lock until they commit, wait for nothing more). The counting
 * itself is `helpdesk_statistics_fold`: under a transaction-level advisory lock it claims queued ids, takes
 * each ticket's facts as last counted (`helpdesk_statistics_facts`) out of the counts and its current facts
 * in, and keeps them as the ticket's new counted facts. A statistics read runs the fold before it reads,
 * so its answer includes every change committed before it; nothing else has to run for the counts to be
 * right. Counts are kept in two grains: per month of filing (in the statistics' zone) × set of networks ×
 * type of cooperation (`helpdesk_statistics_counts`, `_durations`), for date and type filters, and per set
 * of networks over all time (`_counts_all`, `_durations_all`: a few hundred rows in tables of their own),
 * for the unfiltered and the coordinator's answers. Only categorical columns and durations are read:
 * no free text, no note.
 */
const LOCK = `pg_advisory_xact_lock(hashtext('helpdesk_statistics'))`;

/** Changes signed +1 or -1 (`e`: `{"sign", "t": facts, "networks"}` from `source`), with their bucket. */
const changes = (source: string) => `c AS (
    SELECT (e->>'sign')::int AS sign, e->'t' AS t,
           ARRAY(SELECT jsonb_array_elements_text(e->'networks') ORDER BY 1)::uuid[] AS network_ids,
           to_char((e->'t'->>'created_at')::timestamptz AT TIME ZONE zone, 'YYYY-MM') AS month,
           e->'t'->>'cooperation_type' AS cooperation_type
      FROM ${source}
  )`;

/** The two grains: per month × set of networks × type of cooperation, and per set of networks over all time. */
const GRAINS = [
  { suffix: '', bucket: ['month', 'network_ids', 'cooperation_type'], order: 'cooperation_type, month' },
  { suffix: '_all', bucket: ['network_ids'], order: '' },
];

/** The counts of the changes `c` in a grain, grouped by bucket and fact (rows summing to 0 left out). */
const counted = (bucket: string[]) => `
  SELECT ${bucket.map((column) => `c.${column}`).join(', ')}, d.dimension, d.key, d.key2, sum(c.sign)::int
    FROM c
    CROSS JOIN LATERAL (VALUES
      ('total', '', ''),
      ('convention', CASE WHEN c.t->>'legal_basis' LIKE 'untoc\\_%' THEN '' END, ''),
      ('filed', c.month, ''),
      ('cooperationType', c.cooperation_type, ''),
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
   GROUP BY ${bucket.map((_, index) => index + 1).join(', ')}, ${[1, 2, 3].map((index) => bucket.length + index).join(', ')}
  HAVING sum(c.sign) <> 0`;

/** The distribution of durations of the changes `c` in a grain, grouped likewise. */
const spread = (bucket: string[]) => `
  SELECT ${bucket.map((column) => `c.${column}`).join(', ')}, d.kind, d.resolved_month, d.seconds, sum(c.sign)::int
    FROM c
    CROSS JOIN LATERAL (VALUES
      ('response', '', (c.t->>'response_working_s')::int),
      ('resolution', COALESCE(to_char((c.t->>'resolved_at')::timestamptz AT TIME ZONE zone, 'YYYY-MM'), ''),
        (c.t->>'resolution_working_s')::int)
    ) d(kind, resolved_month, seconds)
   WHERE d.seconds IS NOT NULL
   GROUP BY ${bucket.map((_, index) => index + 1).join(', ')}, ${[1, 2, 3].map((index) => bucket.length + index).join(', ')}
  HAVING sum(c.sign) <> 0`;

/** The kept tables: for each grain, counts by fact and the distribution of durations. */
const TABLES = GRAINS.flatMap(({ suffix, bucket, order }) => [
  {
    table: `helpdesk_statistics_counts${suffix}`,
    keys: [...bucket, 'dimension', 'key', 'key2'],
    select: counted(bucket),
    order,
  },
  {
    table: `helpdesk_statistics_durations${suffix}`,
    keys: [...bucket, 'kind', 'resolved_month', 'seconds'],
    select: spread(bucket),
    order,
  },
]);

/** Adds the changes `changes` (a jsonb array) to every kept table; rows that fall to 0 go. */
const APPLY = `
CREATE FUNCTION helpdesk_statistics_apply(changes jsonb) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  zone text;
  zeros jsonb;
BEGIN
  IF changes IS NULL OR jsonb_array_length(changes) = 0 THEN
    RETURN;
  END IF;
  SELECT time_zone INTO zone FROM helpdesk_statistics_state WHERE id = 'helpdesk';
  IF zone IS NULL THEN
    RETURN;
  END IF;
${TABLES.map(
  ({ table, keys, select }) => `
  WITH ${changes('jsonb_array_elements(changes) e')}, up AS (
  INSERT INTO ${table} AS s (${keys.join(', ')}, count)
  ${select}
  ON CONFLICT (${keys.join(', ')}) DO UPDATE SET count = s.count + EXCLUDED.count
  RETURNING s.*
  )
  SELECT jsonb_agg(to_jsonb(up)) INTO zeros FROM up WHERE up.count = 0;
  DELETE FROM ${table} s USING jsonb_populate_recordset(NULL::${table}, zeros) z
   WHERE (${keys.map((key) => `s.${key}`).join(', ')}) = (${keys.map((key) => `z.${key}`).join(', ')}) AND s.count = 0;`,
).join('\n')}
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

/** A ticket as the statistics see it: its categorical facts and durations only (never a sealed text), and its networks. */
const factsOf = (row: string) =>
  `jsonb_build_object('t', jsonb_build_object(${FACTS.map((column) => `'${column}', ${row}.${column}`).join(', ')}), 'networks', (SELECT jsonb_agg(x.network_id) FROM helpdesk_ticket_networks x WHERE x.ticket_id = ${row}.id))`;

/**
 * Folds queued changes into the counts, at most `batch` queue rows at a time; returns how many rows it
 * took. The current facts are read once, by one statement, and both counted and kept from that reading,
 * so a change committed meanwhile is folded by the next run (its queue row is still there).
 */
const FOLD = `
CREATE FUNCTION helpdesk_statistics_fold(batch int) RETURNS int LANGUAGE plpgsql AS $fn$
DECLARE
  taken int;
  ids uuid[];
  fresh jsonb;
  stale jsonb;
BEGIN
  PERFORM ${LOCK};
  WITH claimed AS (
    DELETE FROM helpdesk_statistics_pending
     WHERE id IN (SELECT id FROM helpdesk_statistics_pending ORDER BY id LIMIT batch)
    RETURNING ticket_id
  )
  SELECT count(*), array_agg(DISTINCT ticket_id) INTO taken, ids FROM claimed;
  IF taken = 0 THEN
    RETURN 0;
  END IF;
  -- A ticket is counted from when it belongs to a network (filing inserts them a statement after it).
  SELECT COALESCE(jsonb_agg(${factsOf('t')} || jsonb_build_object('id', t.id)), '[]') INTO fresh
    FROM helpdesk_tickets t
   WHERE t.id = ANY (ids) AND EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = t.id);
  SELECT COALESCE(jsonb_agg(f.facts || jsonb_build_object('sign', -1)), '[]') INTO stale
    FROM helpdesk_statistics_facts f WHERE f.ticket_id = ANY (ids);
  PERFORM helpdesk_statistics_apply(stale || (
    SELECT COALESCE(jsonb_agg(e || jsonb_build_object('sign', 1)), '[]') FROM jsonb_array_elements(fresh) e
  ));
  DELETE FROM helpdesk_statistics_facts WHERE ticket_id = ANY (ids);
  INSERT INTO helpdesk_statistics_facts (ticket_id, facts)
  SELECT (e->>'id')::uuid, e - 'id' FROM jsonb_array_elements(fresh) e;
  RETURN taken;
END
$fn$`;

/** Counts every ticket again in `zone` (the migration, a change of the secretariat's zone, a repair). */
const REBUILD = `
CREATE FUNCTION helpdesk_statistics_rebuild(zone text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM ${LOCK};
  INSERT INTO helpdesk_statistics_state (id, time_zone) VALUES ('helpdesk', zone)
  ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone;
  DELETE FROM helpdesk_statistics_pending;
${TABLES.map(({ table }) => `  DELETE FROM ${table};`).join('\n')}
  DELETE FROM helpdesk_statistics_facts;
  INSERT INTO helpdesk_statistics_facts (ticket_id, facts)
  SELECT t.id, ${factsOf('t')} FROM helpdesk_tickets t
   WHERE EXISTS (SELECT 1 FROM helpdesk_ticket_networks y WHERE y.ticket_id = t.id);
  -- Set-based into the empty tables: one row version per count, no upserts; the monthly grain in the order
  -- of its type index, so that a type's rows share pages.
${TABLES.map(
  ({ table, keys, select, order }) => `
  INSERT INTO ${table} (${keys.join(', ')}, count)
  WITH ${changes(`(SELECT f.facts || jsonb_build_object('sign', 1) AS e FROM helpdesk_statistics_facts f) src`)}
  ${select}${order ? ` ORDER BY ${order}` : ''};`,
).join('\n')}
END
$fn$`;

const QUEUE_TICKET = `
CREATE FUNCTION helpdesk_statistics_queue_ticket() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO helpdesk_statistics_pending (ticket_id) VALUES (OLD.id);
  ELSE
    INSERT INTO helpdesk_statistics_pending (ticket_id) VALUES (NEW.id);
  END IF;
  RETURN NULL;
END
$fn$`;

const QUEUE_NETWORK = `
CREATE FUNCTION helpdesk_statistics_queue_network() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO helpdesk_statistics_pending (ticket_id) VALUES (OLD.ticket_id);
  ELSE
    INSERT INTO helpdesk_statistics_pending (ticket_id) VALUES (NEW.ticket_id);
  END IF;
  RETURN NULL;
END
$fn$`;

export class HelpdeskStatistics1796547000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_counts" ("month" text NOT NULL, "network_ids" uuid array NOT NULL, "cooperation_type" text NOT NULL, "dimension" text NOT NULL, "key" text NOT NULL, "key2" text NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_3f54856fd7d1dcba01e3b267f12" PRIMARY KEY ("month", "network_ids", "cooperation_type", "dimension", "key", "key2"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_durations" ("month" text NOT NULL, "network_ids" uuid array NOT NULL, "cooperation_type" text NOT NULL, "kind" text NOT NULL, "resolved_month" text NOT NULL, "seconds" integer NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_958233e9cdacec26ae5e77c2c00" PRIMARY KEY ("month", "network_ids", "cooperation_type", "kind", "resolved_month", "seconds"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "helpdesk_statistics_counts_type_idx" ON "helpdesk_statistics_counts" ("cooperation_type", "month") `,
    );
    await queryRunner.query(
      `CREATE INDEX "helpdesk_statistics_durations_type_idx" ON "helpdesk_statistics_durations" ("cooperation_type", "month") `,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_counts_all" ("network_ids" uuid array NOT NULL, "dimension" text NOT NULL, "key" text NOT NULL, "key2" text NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_helpdesk_statistics_counts_all" PRIMARY KEY ("network_ids", "dimension", "key", "key2"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_durations_all" ("network_ids" uuid array NOT NULL, "kind" text NOT NULL, "resolved_month" text NOT NULL, "seconds" integer NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_helpdesk_statistics_durations_all" PRIMARY KEY ("network_ids", "kind", "resolved_month", "seconds"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_state" ("id" text NOT NULL, "time_zone" text NOT NULL, CONSTRAINT "PK_f2c4142e72ef9ff8adb979d92f8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_facts" ("ticket_id" uuid NOT NULL, "facts" jsonb NOT NULL, CONSTRAINT "PK_helpdesk_statistics_facts" PRIMARY KEY ("ticket_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_statistics_pending" ("id" BIGSERIAL NOT NULL, "ticket_id" uuid NOT NULL, CONSTRAINT "PK_helpdesk_statistics_pending" PRIMARY KEY ("id"))`,
    );
    for (const sql of [APPLY, FOLD, REBUILD, QUEUE_TICKET, QUEUE_NETWORK]) await queryRunner.query(sql);
    const changed = FACTS.map((column) => `OLD.${column}`).join(', ');
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_ticket_inserted AFTER INSERT ON helpdesk_tickets FOR EACH ROW EXECUTE FUNCTION helpdesk_statistics_queue_ticket()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_ticket_updated AFTER UPDATE ON helpdesk_tickets FOR EACH ROW
       WHEN ((${changed}) IS DISTINCT FROM (${changed.replace(/OLD\./g, 'NEW.')}))
       EXECUTE FUNCTION helpdesk_statistics_queue_ticket()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_ticket_deleted AFTER DELETE ON helpdesk_tickets FOR EACH ROW EXECUTE FUNCTION helpdesk_statistics_queue_ticket()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER helpdesk_statistics_network_changed AFTER INSERT OR DELETE ON helpdesk_ticket_networks FOR EACH ROW EXECUTE FUNCTION helpdesk_statistics_queue_network()`,
    );
    // The tickets so far, in the secretariat's zone (Vienna until an admin sets another).
    await queryRunner.query(
      `SELECT helpdesk_statistics_rebuild(COALESCE((SELECT time_zone FROM working_calendars WHERE id = 'secretariat'), 'Europe/Vienna'))`,
    );
    // The triggers queue as whoever changes a ticket; a statistics read folds and, on a new zone, rebuilds.
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON "helpdesk_statistics_counts", "helpdesk_statistics_durations", "helpdesk_statistics_counts_all", "helpdesk_statistics_durations_all", "helpdesk_statistics_facts", "helpdesk_statistics_pending" TO ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "helpdesk_statistics_state" TO ${RUNTIME_ROLE}`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "helpdesk_statistics_pending_id_seq" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_network_changed ON helpdesk_ticket_networks`);
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_ticket_deleted ON helpdesk_tickets`);
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_ticket_updated ON helpdesk_tickets`);
    await queryRunner.query(`DROP TRIGGER helpdesk_statistics_ticket_inserted ON helpdesk_tickets`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_queue_network()`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_queue_ticket()`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_rebuild(text)`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_fold(int)`);
    await queryRunner.query(`DROP FUNCTION helpdesk_statistics_apply(jsonb)`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_pending"`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_facts"`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_state"`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_durations_all"`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_counts_all"`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_durations"`);
    await queryRunner.query(`DROP TABLE "helpdesk_statistics_counts"`);
  }
}
