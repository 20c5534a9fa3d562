import { Injectable, Logger } from '@nestjs/common';
import { isIPv6 } from 'node:net';
import { AppConfig } from '../config/app-config';
import { Clock } from '../clock/clock';
import { normaliseIp } from './audit-chain';
import { AuditRecord, AuditService } from './audit.service';

const WINDOW_MS = 60_000;

/** An IPv6 client owns its whole /64: counting by the /64 keeps one host from posing as many sources. */
export function sourceAddress(ip: string | null | undefined): string | null {
  const address = normaliseIp(ip);
  if (!address || !isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Fixed one-minute windows of counts per source, with a ceiling per source and one for all sources
 * together. `take` says whether one more event fits, and whether this is the first one refused in this
 * window for that reason (so the caller says once that it stopped recording).
 */
export class RefusalCap {
  private window = -1;
  private readonly counts = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perSource: number,
    private readonly overall: number,
  ) {}

  take(sources: string[], now: number): { ok: true } | { ok: false; firstRefusal: string | null } {
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
      this.total = 0;
    }
    if (this.total >= this.overall) return this.refuse('*');
    for (const source of sources) if ((this.counts.get(source) ?? 0) >= this.perSource) return this.refuse(source);
    this.total += 1;
    for (const source of sources) this.counts.set(source, (this.counts.get(source) ?? 0) + 1);
    return { ok: true };
  }

  /** Counts past the ceiling once more, so the first refusal is told apart from the later ones. */
  private refuse(source: string): { ok: false; firstRefusal: string | null } {
    const key = `over:${source}`;
    const first = !this.counts.has(key);
    this.counts.set(key, 1);
    return { ok: false, firstRefusal: first ? source : null };
  }
}

/**
 * Audits refusals (403 answers, refused socket handshakes) without letting a flood of them queue every
 * audited write behind the chain's append lock: each source (client address, IPv6 per /64, and user) gets
 * AUDIT_REFUSALS_PER_MINUTE entries a minute on this node, all sources together
 * AUDIT_REFUSALS_TOTAL_PER_MINUTE; past that, one `audit.refusals-capped` entry says recording stopped for
 * that source until the minute ends. Counters are in this process's memory: N nodes record up to N times
 * the cap, and a restart starts them again. Writing never delays or fails the refused request.
 */
@Injectable()
export class RefusalAudit {
  private readonly logger = new Logger(RefusalAudit.name);
  private readonly cap: RefusalCap;

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.cap = new RefusalCap(config.AUDIT_REFUSALS_PER_MINUTE, config.AUDIT_REFUSALS_TOTAL_PER_MINUTE);
  }

  /** Records `record` unless its sources used up their share; resolves once written (or dropped). */
  async record(record: AuditRecord): Promise<void> {
    const sources = [`ip:${sourceAddress(record.ip) ?? 'unknown'}`];
    if (record.actorId) sources.push(`user:${record.actorId}`);
    const taken = this.cap.take(sources, this.clock.now().getTime());
    try {
      if (taken.ok) {
        await this.audit.append(record);
      } else if (taken.firstRefusal) {
        await this.audit.append({
          action: 'audit.refusals-capped',
          ip: record.ip,
          actorId: record.actorId,
          requestId: record.requestId,
          details: { source: taken.firstRefusal, action: record.action, untilMinuteEnds: true },
        });
      }
    } catch (error) {
      this.logger.error(`cannot audit ${record.action}: ${(error as Error).message}`);
    }
  }
}
