import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkingCalendarService } from '@liaison/directory';
import { AuthUser } from '@liaison/identity';
import { toCsv } from '@liaison/platform';
import { statisticsBucketScope, statisticsScope, STATISTICS_ROLES } from './statistics.policy';

export interface StatisticsFilter {
  /** Filed on or after this date (in the secretariat's zone). */
  from?: string;
  /** Filed on or before this date. */
  to?: string;
  networkId?: string;
  /** Requesting or requested State. */
  stateCode?: string;
  cooperationType?: string;
  offenceCategory?: string;
  legalBasis?: string;
}

export interface Count {
  key: string;
  count: number;
}

export interface StatePairCount {
  requesterStateCode: string;
  requestedStateCode: string;
  count: number;
}

/** Working hours: the median and the 90th percentile, over `count` tickets; null when there are none. */
export interface DurationStats {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface MonthTrend {
  month: string;
  filed: number;
  resolved: number;
  medianResolutionHours: number | null;
}

export interface Statistics {
  timeZone: string;
  total: number;
  byStatus: Count[];
  byOutcome: Count[];
  byCooperationType: Count[];
  byOffenceCategory: Count[];
  byLegalBasis: Count[];
  /** Tickets whose legal basis is an article of the Convention (UNTOC), and their share of all. */
  conventionBasis: { count: number; share: number };
  /** The treaties a bilateral or regional basis names. */
  byLegalInstrument: Count[];
  byBlockageReason: Count[];
  byRefusalGround: Count[];
  byStatePair: StatePairCount[];
  firstResponse: DurationStats;
  resolution: DurationStats;
  trend: MonthTrend[];
}

const DIMENSIONS = {
  status: 'status',
  outcome: 'outcome',
  cooperationType: 'cooperation_type',
  offenceCategory: 'offence_category',
  legalBasis: 'legal_basis',
  legalInstrument: 'legal_instrument',
  blockageReason: 'blockage_reason',
  refusalGround: 'COALESCE(outcome_ground, refusal_ground)',
} as const;
type Dimension = keyof typeof DIMENSIONS;

interface Figures {
  counts: { dim: Dimension | 'pair'; key: string; key2: string | null; n: number }[];
  durations: {
    total: number;
    convention: number;
    responses: number;
    response_median: number | null;
    response_p90: number | null;
    resolutions: number;
    resolution_median: number | null;
    resolution_p90: number | null;
  };
  filed: { month: string; n: number }[];
  resolved: { month: string; n: number; median: number | null }[];
}

/**
 * Whether the counts kept per bucket answer this filter: dates on month boundaries, a network, a type of
 * cooperation. A State, an offence category, a legal basis or a date within a month is read from the
 * tickets (exact, but slower: see the helpdesk's notes on the benchmark).
 */
export function bucketed(filter: StatisticsFilter): boolean {
  if (filter.stateCode || filter.offenceCategory || filter.legalBasis) return false;
  if (filter.from && !filter.from.endsWith('-01')) return false;
  if (filter.to) {
    const next = new Date(`${filter.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (next.getUTCDate() !== 1) return false;
  }
  return true;
}

/** Queue rows a fold takes at a time (each is one ticket change). */
const FOLD_BATCH = 5000;

/** Sums the counts of equal durations (sorted by seconds in, sorted out). */
function mergeBySeconds(rows: { seconds: number; n: number }[]): { seconds: number; n: number }[] {
  const merged: { seconds: number; n: number }[] = [];
  for (const row of rows) {
    const last = merged.at(-1);
    if (last?.seconds === row.seconds) last.n += row.n;
    else merged.push({ seconds: row.seconds, n: row.n });
  }
  return merged;
}

/**
 * PostgreSQL's percentile_cont over a distribution given as (seconds, how many), sorted by seconds: the
 * same interpolation between the two nearest values, in the same floating-point steps.
 */
export function percentile(distribution: { seconds: number; n: number }[], fraction: number): number | null {
  const count = distribution.reduce((total, row) => total + row.n, 0);
  if (count === 0) return null;
  const target = fraction * (count - 1);
  const first = Math.floor(target);
  const second = Math.ceil(target);
  const at = (index: number) => {
    let seen = 0;
    for (const row of distribution) {
      seen += row.n;
      if (index < seen) return row.seconds;
    }
    return distribution[distribution.length - 1].seconds;
  };
  const low = at(first);
  if (second === first) return low;
  return low + (at(second) - low) * (target - first);
}

const hours = (seconds: number | string | null) =>
  seconds === null ? null : Math.round((Number(seconds) / 3600) * 10) / 10;

/**
 * Statistics on blocked cases, for the secretariat (every ticket) and coordinators (their networks'):
 * counts by categorical fact, working time to the first response and to resolution, a monthly trend.
 * Only categorical columns and stored durations are read: free-text facts and notes never enter them.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendarService,
  ) {}

  private async scoped(
    user: AuthUser,
    filter: StatisticsFilter,
    zone: string,
  ): Promise<{ where: string; params: unknown[] }> {
    if (!STATISTICS_ROLES.includes(user.role))
      throw new ForbiddenException('Statistics are for the secretariat and coordinators');
    const params: unknown[] = [user.id];
    const where = [statisticsScope('$1')];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.networkId) {
      if (user.role === 'coordinator') {
        const rows = (await this.dataSource.query(
          `SELECT 1 FROM network_members WHERE network_id = $1 AND user_id = $2 AND network_role = 'coordinator'`,
          [filter.networkId, user.id],
        )) as [];
        if (rows.length === 0) throw new ForbiddenException('You coordinate no such network');
      }
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM helpdesk_ticket_networks ftn WHERE ftn.ticket_id = ht.id AND ftn.network_id = ${p})`,
        filter.networkId,
      );
    }
    if (filter.from) add((p) => `ht.created_at >= (${p}::date)::timestamp AT TIME ZONE '${zone}'`, filter.from);
    if (filter.to) add((p) => `ht.created_at < (${p}::date + 1)::timestamp AT TIME ZONE '${zone}'`, filter.to);
    if (filter.stateCode)
      add((p) => `(ht.requester_state_code = ${p} OR ht.requested_state_code = ${p})`, filter.stateCode);
    if (filter.cooperationType) add((p) => `ht.cooperation_type = ${p}`, filter.cooperationType);
    if (filter.offenceCategory) add((p) => `ht.offence_category = ${p}`, filter.offenceCategory);
    if (filter.legalBasis) add((p) => `ht.legal_basis = ${p}`, filter.legalBasis);
    return { where: where.join(' AND '), params };
  }

  async statistics(user: AuthUser, filter: StatisticsFilter): Promise<Statistics> {
    const { timeZone } = await this.calendars.get();
    // The zone is an IANA name the calendar validated; quoted again here for the SQL literal.
    const zone = timeZone.replace(/'/g, "''");
    const { where, params } = await this.scoped(user, filter, zone);
    const { counts, durations, filed, resolved } =
      (bucketed(filter) ? await this.fromBuckets(user, filter, timeZone) : null) ??
      (await this.fromTickets(where, params, zone));
    const by = (dim: Dimension): Count[] =>
      counts
        .filter((row) => row.dim === dim)
        .map((row) => ({ key: row.key, count: row.n }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    const months = new Map<string, MonthTrend>();
    const month = (key: string): MonthTrend => {
      const known = months.get(key);
      if (known) return known;
      const fresh = { month: key, filed: 0, resolved: 0, medianResolutionHours: null };
      months.set(key, fresh);
      return fresh;
    };
    for (const row of filed) month(row.month).filed = row.n;
    for (const row of resolved)
      Object.assign(month(row.month), { resolved: row.n, medianResolutionHours: hours(row.median) });
    return {
      timeZone,
      total: durations.total,
      byStatus: by('status'),
      byOutcome: by('outcome'),
      byCooperationType: by('cooperationType'),
      byOffenceCategory: by('offenceCategory'),
      byLegalBasis: by('legalBasis'),
      conventionBasis: {
        count: durations.convention,
        share: durations.total ? Math.round((durations.convention / durations.total) * 1000) / 1000 : 0,
      },
      byLegalInstrument: by('legalInstrument'),
      byBlockageReason: by('blockageReason'),
      byRefusalGround: by('refusalGround'),
      byStatePair: counts
        .filter((row) => row.dim === 'pair')
        .map((row) => ({ requesterStateCode: row.key, requestedStateCode: row.key2 ?? '', count: row.n }))
        .sort(
          (a, b) =>
            b.count - a.count ||
            (a.requesterStateCode + a.requestedStateCode).localeCompare(b.requesterStateCode + b.requestedStateCode),
        ),
      firstResponse: {
        count: durations.responses,
        medianHours: hours(durations.response_median),
        p90Hours: hours(durations.response_p90),
      },
      resolution: {
        count: durations.resolutions,
        medianHours: hours(durations.resolution_median),
        p90Hours: hours(durations.resolution_p90),
      },
      trend: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    };
  }

  /**
   * Folds the ticket changes queued since the last fold into the kept counts (see the migration
   * `HelpdeskStatistics`), so that an answer from the counts includes every change committed before it.
   * Cheap when nothing is queued (one indexed probe); concurrent folds wait on each other in the database.
   */
  async fold(): Promise<void> {
    for (;;) {
      const [{ queued }] = (await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM helpdesk_statistics_pending) AS queued`,
      )) as { queued: boolean }[];
      if (!queued) return;
      const [{ taken }] = (await this.dataSource.query(`SELECT helpdesk_statistics_fold($1) AS taken`, [
        FOLD_BATCH,
      ])) as { taken: number }[];
      if (taken < FOLD_BATCH) return;
    }
  }

  /**
   * The figures from the kept counts (helpdesk_statistics_counts and _durations), for the filters they are
   * bucketed by: without a date or a type of cooperation, the all-time grain (`_all`: a few hundred rows
   * per set of networks); with one, the monthly grain. Null when they are counted in another zone than the
   * calendar's (until the rebuild that a change of zone runs): the answer then comes from the tickets.
   */
  private async fromBuckets(user: AuthUser, filter: StatisticsFilter, timeZone: string): Promise<Figures | null> {
    await this.fold();
    const params: unknown[] = [user.id, timeZone];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const monthly = Boolean(filter.from || filter.to || filter.cooperationType);
    const grain = monthly ? '' : '_all';
    if (filter.from) add((p) => `b.month >= ${p}`, filter.from.slice(0, 7));
    if (filter.to) add((p) => `b.month <= ${p}`, filter.to.slice(0, 7));
    if (filter.networkId) add((p) => `b.network_ids @> ARRAY[${p}::uuid]`, filter.networkId);
    if (filter.cooperationType) add((p) => `b.cooperation_type = ${p}`, filter.cooperationType);
    const scope = `${statisticsBucketScope('$1')} AND EXISTS (SELECT 1 FROM helpdesk_statistics_state st
        WHERE st.id = 'helpdesk' AND st.time_zone = $2) ${where.map((sql) => `AND ${sql}`).join(' ')}`;
    // One statement (one snapshot, one round trip): the counts and the durations (sorted here, not by SQL).
    const read = (await this.dataSource.query(
      `SELECT 'count' AS src, b.dimension AS a, b.key AS b, b.key2 AS c, NULL::int AS seconds, sum(b.count)::int AS n
         FROM helpdesk_statistics_counts${grain} b WHERE ${scope}
        GROUP BY 2, 3, 4 HAVING sum(b.count) > 0
       UNION ALL
       SELECT 'duration', b.kind, b.resolved_month, NULL, b.seconds, sum(b.count)::int
         FROM helpdesk_statistics_durations${grain} b WHERE ${scope}
        GROUP BY 2, 3, 5 HAVING sum(b.count) > 0`,
      params,
    )) as { src: 'count' | 'duration'; a: string; b: string; c: string | null; seconds: number | null; n: number }[];
    const rows = read
      .filter((row) => row.src === 'count')
      .map((row) => ({ dim: row.a, key: row.b, key2: row.c ?? '', n: row.n }));
    const spread = read
      .filter((row) => row.src === 'duration')
      .map((row) => ({
        kind: row.a as 'response' | 'resolution',
        resolved_month: row.b,
        seconds: row.seconds ?? 0,
        n: row.n,
      }))
      .sort((a, b) => a.seconds - b.seconds);
    if (rows.length === 0) {
      const [known] = (await this.dataSource.query(
        `SELECT 1 FROM helpdesk_statistics_state WHERE id = 'helpdesk' AND time_zone = $1`,
        [timeZone],
      )) as unknown[];
      if (!known) return null;
    }
    const sum = (list: { n: number }[]) => list.reduce((total, row) => total + row.n, 0);
    const responses = spread.filter((row) => row.kind === 'response');
    const resolutions = mergeBySeconds(spread.filter((row) => row.kind === 'resolution'));
    const resolvedIn = new Map<string, { seconds: number; n: number }[]>();
    for (const row of spread)
      if (row.kind === 'resolution') {
        const list = resolvedIn.get(row.resolved_month) ?? [];
        list.push(row);
        resolvedIn.set(row.resolved_month, list);
      }
    const nonCounts = new Set(['total', 'convention', 'resolved', 'filed']);
    return {
      counts: rows
        .filter((row) => !nonCounts.has(row.dim))
        .map((row) => ({
          dim: row.dim as Dimension | 'pair',
          key: row.key,
          key2: row.dim === 'pair' ? row.key2 : null,
          n: row.n,
        })),
      durations: {
        total: sum(rows.filter((row) => row.dim === 'total')),
        convention: sum(rows.filter((row) => row.dim === 'convention')),
        responses: sum(responses),
        response_median: percentile(responses, 0.5),
        response_p90: percentile(responses, 0.9),
        resolutions: sum(resolutions),
        resolution_median: percentile(resolutions, 0.5),
        resolution_p90: percentile(resolutions, 0.9),
      },
      filed: rows.filter((row) => row.dim === 'filed').map((row) => ({ month: row.key, n: row.n })),
      resolved: rows
        .filter((row) => row.dim === 'resolved')
        .map((row) => ({ month: row.key, n: row.n, median: percentile(resolvedIn.get(row.key) ?? [], 0.5) })),
    };
  }

  /** The figures read from the tickets themselves: any filter, in the calendar's zone of the moment. */
  private async fromTickets(where: string, params: unknown[], zone: string): Promise<Figures> {
    const scoped = `SELECT status, outcome, outcome_ground, refusal_ground, cooperation_type, offence_category, legal_basis,
        legal_instrument, blockage_reason, requester_state_code, requested_state_code, created_at, resolved_at,
        response_working_s, resolution_working_s
      FROM helpdesk_tickets ht WHERE ${where}`;
    const dimensions = (Object.entries(DIMENSIONS) as [Dimension, string][])
      .map(
        ([name, column]) =>
          `SELECT '${name}' AS dim, ${column} AS key, NULL::text AS key2, count(*)::int AS n FROM t WHERE ${column} IS NOT NULL GROUP BY 2`,
      )
      .join(' UNION ALL ');
    const [counts, [durations], filed, resolved] = await this.dataSource.transaction(
      'REPEATABLE READ',
      async (manager) => [
        (await manager.query(
          `WITH t AS MATERIALIZED (${scoped})
         ${dimensions}
         UNION ALL SELECT 'pair', requester_state_code, requested_state_code, count(*)::int FROM t GROUP BY 2, 3`,
          params,
        )) as { dim: Dimension | 'pair'; key: string; key2: string | null; n: number }[],
        (await manager.query(
          `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE legal_basis LIKE 'untoc\\_%')::int AS convention,
                count(response_working_s)::int AS responses,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY response_working_s) AS response_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY response_working_s) AS response_p90,
                count(resolution_working_s)::int AS resolutions,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_working_s) AS resolution_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_working_s) AS resolution_p90
           FROM helpdesk_tickets ht WHERE ${where}`,
          params,
        )) as Figures['durations'][],
        (await manager.query(
          `SELECT to_char(ht.created_at AT TIME ZONE '${zone}', 'YYYY-MM') AS month, count(*)::int AS n
           FROM helpdesk_tickets ht WHERE ${where} GROUP BY 1`,
          params,
        )) as { month: string; n: number }[],
        (await manager.query(
          `SELECT to_char(ht.resolved_at AT TIME ZONE '${zone}', 'YYYY-MM') AS month, count(*)::int AS n,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY ht.resolution_working_s) AS median
           FROM helpdesk_tickets ht WHERE ${where} AND ht.resolved_at IS NOT NULL GROUP BY 1`,
          params,
        )) as { month: string; n: number; median: number | null }[],
      ],
    );
    return { counts, durations, filed, resolved };
  }

  /** The same statistics as CSV: one row per counted value (`section,key,second key,value`), cells neutralised. */
  async csv(user: AuthUser, filter: StatisticsFilter): Promise<string> {
    const stats = await this.statistics(user, filter);
    const rows: (string | number | null)[][] = [['section', 'key', 'key2', 'value']];
    const counts: [string, Count[]][] = [
      ['status', stats.byStatus],
      ['outcome', stats.byOutcome],
      ['cooperation_type', stats.byCooperationType],
      ['offence_category', stats.byOffenceCategory],
      ['legal_basis', stats.byLegalBasis],
      ['legal_instrument', stats.byLegalInstrument],
      ['blockage_reason', stats.byBlockageReason],
      ['refusal_ground', stats.byRefusalGround],
    ];
    rows.push(['total', null, null, stats.total]);
    rows.push(['convention_basis', 'count', null, stats.conventionBasis.count]);
    rows.push(['convention_basis', 'share', null, stats.conventionBasis.share]);
    for (const [section, list] of counts) for (const { key, count } of list) rows.push([section, key, null, count]);
    for (const pair of stats.byStatePair)
      rows.push(['state_pair', pair.requesterStateCode, pair.requestedStateCode, pair.count]);
    for (const [section, duration] of [
      ['first_response_hours', stats.firstResponse],
      ['resolution_hours', stats.resolution],
    ] as const) {
      rows.push([section, 'count', null, duration.count]);
      rows.push([section, 'median', null, duration.medianHours]);
      rows.push([section, 'p90', null, duration.p90Hours]);
    }
    for (const item of stats.trend) {
      rows.push(['month_filed', item.month, null, item.filed]);
      rows.push(['month_resolved', item.month, null, item.resolved]);
      rows.push(['month_median_resolution_hours', item.month, null, item.medianResolutionHours]);
    }
    return toCsv(rows);
  }
}
