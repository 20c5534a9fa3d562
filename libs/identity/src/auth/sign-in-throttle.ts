import { HttpStatus, Injectable, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { ProblemException, RedisConnections } from '@liaison/platform';
import { sha256 } from '../credentials/secrets';

/** 5 failures for one account from one address lock that pair for 15 minutes. */
export const ACCOUNT_IP_LIMIT = 5;
export const ACCOUNT_IP_LOCK_SECONDS = 15 * 60;
/** 50 failures from one address within an hour lock the address for an hour. */
export const IP_LIMIT = 50;
export const IP_WINDOW_SECONDS = 60 * 60;
/** Every failure on an account, from anywhere, slows its next attempts, up to 3 s: never a lock-out. */
export const ACCOUNT_DELAY_CAP_MS = 3000;
const ACCOUNT_WINDOW_SECONDS = 15 * 60;

export function accountDelayMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(ACCOUNT_DELAY_CAP_MS, 100 * 2 ** (failures - 1));
}

/**
 * Sign-in throttling whose counters live in Redis, shared by every node. It counts by the e-mail address
 * typed, whether or not an account has it, so its answers never tell whether an account exists; and because
 * the lock-out is per account *and* address, an attacker elsewhere cannot lock a known user out.
 * If Redis restarts empty the counters restart from zero; while it is unreachable, sign-in answers 503.
 */
@Injectable()
export class SignInThrottle implements OnModuleInit {
  private redis!: Redis;

  constructor(private readonly connections: RedisConnections) {}

  onModuleInit(): void {
    // Fails fast: while Redis is away sign-in answers 503 rather than hanging or going unthrottled.
    this.redis = this.connections.create('sign-in-throttle', { failFast: true });
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      throw new ServiceUnavailableException('Signing in is unavailable for a moment; try again shortly');
    }
  }

  private keys(email: string, ip: string) {
    const account = sha256(email.trim().toLowerCase());
    return {
      pairFailures: `signin:pair:${account}:${ip}`,
      pairLock: `signin:pair-lock:${account}:${ip}`,
      ipFailures: `signin:ip:${ip}`,
      ipLock: `signin:ip-lock:${ip}`,
      accountFailures: `signin:account:${account}`,
    };
  }

  /** Refuses with 429 while the account+address pair or the address is locked; otherwise waits the account's delay. */
  before(email: string, ip: string): Promise<void> {
    return this.guarded(() => this.check(email, ip));
  }

  private async check(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const [pairTtl, ipTtl, failures] = await Promise.all([
      this.redis.ttl(keys.pairLock),
      this.redis.ttl(keys.ipLock),
      this.redis.get(keys.accountFailures),
    ]);
    const retryAfter = Math.max(pairTtl, ipTtl);
    if (retryAfter > 0) {
      throw new ProblemException({
        type: '/problems/too-many-attempts',
        title: 'Too many failed attempts',
        status: HttpStatus.TOO_MANY_REQUESTS,
        detail: `Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
        retryAfterSeconds: retryAfter,
      });
    }
    const delay = accountDelayMs(Number(failures ?? 0));
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /** Counts a failure; says which lock it set, if any, so the caller can audit the lock-out. */
  failed(email: string, ip: string): Promise<{ lockedPair: boolean; lockedIp: boolean }> {
    return this.guarded(() => this.count(email, ip));
  }

  private async count(email: string, ip: string): Promise<{ lockedPair: boolean; lockedIp: boolean }> {
    const keys = this.keys(email, ip);
    const results = await this.redis
      .multi()
      .incr(keys.pairFailures)
      .expire(keys.pairFailures, ACCOUNT_IP_LOCK_SECONDS, 'NX')
      .incr(keys.ipFailures)
      .expire(keys.ipFailures, IP_WINDOW_SECONDS, 'NX')
      .incr(keys.accountFailures)
      .expire(keys.accountFailures, ACCOUNT_WINDOW_SECONDS)
      .exec();
    const pairCount = Number(results?.[0]?.[1] ?? 0);
    const ipCount = Number(results?.[2]?.[1] ?? 0);
    const lockedPair = pairCount === ACCOUNT_IP_LIMIT;
    const lockedIp = ipCount === IP_LIMIT;
    if (lockedPair)
      await this.redis.multi().set(keys.pairLock, '1', 'EX', ACCOUNT_IP_LOCK_SECONDS).del(keys.pairFailures).exec();
    if (lockedIp) await this.redis.multi().set(keys.ipLock, '1', 'EX', IP_WINDOW_SECONDS).del(keys.ipFailures).exec();
    return { lockedPair, lockedIp };
  }

  /** A full sign-in clears the pair's and the account's counts (not the address's). */
  async succeeded(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.guarded(() => this.redis.del(keys.pairFailures, keys.accountFailures));
  }
}
