import { HttpStatus, Injectable, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { ProblemException, RedisConnections } from '@liaison/platform';
import { sha256 } from '../credentials/secrets';
import { throttledAddress } from './client-address';

/** 5 failures for one account from one address lock that pair for 15 minutes (not for a trusted device). */
export const ACCOUNT_IP_LIMIT = 5;
export const ACCOUNT_IP_LOCK_SECONDS = 15 * 60;
/**
 * Past 50 failures within an hour from one address (an IPv4 address, an IPv6 /64), that address is refused
 * until the hour ends, except for a browser holding a device cookie of the account it signs in to.
 */
export const ADDRESS_LIMIT = 50;
export const ADDRESS_WINDOW_SECONDS = 60 * 60;
/** Every failure on an account, from anywhere, slows its next password attempts, up to 3 s: never a lock-out. */
export const ACCOUNT_DELAY_CAP_MS = 3000;
const ACCOUNT_WINDOW_SECONDS = 15 * 60;
/** Codes one pending sign-in may try; then it is void and the password is needed again. */
export const PENDING_SIGN_IN_ATTEMPTS = 5;
const PENDING_SIGN_IN_SECONDS = 10 * 60;
/** Wrong second-factor codes an account may take within an hour; then its second step is refused until the hour ends. */
export const ACCOUNT_CODE_LIMIT = 20;
export const ACCOUNT_CODE_WINDOW_SECONDS = 60 * 60;

export function accountDelayMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(ACCOUNT_DELAY_CAP_MS, 100 * 2 ** (failures - 1));
}

/** Why a second-factor attempt was refused before its code was looked at. */
export type CodeRefusal = { kind: 'pending-void' } | { kind: 'account-capped'; retryAfterSeconds: number };

/** A second-factor attempt allowed to be evaluated; settle it with `codeAccepted` or `codeRejected`. */
export interface CodeTicket {
  pendingId: string;
  userId: string;
  /** The account's wrong codes this hour, this attempt included if it is wrong. */
  accountCount: number;
}

export function tooManyAttempts(retryAfterSeconds: number): ProblemException {
  return new ProblemException({
    type: '/problems/too-many-attempts',
    title: 'Too many failed attempts',
    status: HttpStatus.TOO_MANY_REQUESTS,
    detail: `Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    retryAfterSeconds,
  });
}

/**
 * Sign-in throttling whose counters live in Redis, shared by every node. Every counter is incremented first
 * and the decision taken on the value the increment returned, so a burst of parallel attempts cannot slip
 * between a check and a count. It counts the password step by the e-mail address typed, whether or not an
 * account has it, so its answers never tell whether an account exists. Nobody can lock a colleague out: the
 * account+address and the address limits do not apply to a browser holding the account's device cookie,
 * and the hourly cap of the second step can only be reached by someone who knows the password.
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
    const address = throttledAddress(ip);
    return {
      pairFailures: `signin:pair:${account}:${address}`,
      pairLock: `signin:pair-lock:${account}:${address}`,
      addressFailures: `signin:address:${address}`,
      accountFailures: `signin:account:${account}`,
    };
  }

  /**
   * Refuses with 429 while the account+address pair is locked or the address is past its limit, unless the
   * browser is a trusted device of the account; then, for the password step, waits the account's delay.
   */
  before(email: string, ip: string, options: { trustedDevice: boolean; delay: boolean }): Promise<void> {
    return this.guarded(() => this.check(email, ip, options));
  }

  private async check(email: string, ip: string, options: { trustedDevice: boolean; delay: boolean }): Promise<void> {
    const keys = this.keys(email, ip);
    const [pairTtl, addressFailures, addressTtl, failures] = await Promise.all([
      this.redis.ttl(keys.pairLock),
      this.redis.get(keys.addressFailures),
      this.redis.ttl(keys.addressFailures),
      this.redis.get(keys.accountFailures),
    ]);
    if (!options.trustedDevice) {
      const addressRetry = Number(addressFailures ?? 0) >= ADDRESS_LIMIT ? Math.max(addressTtl, 1) : 0;
      const retryAfter = Math.max(pairTtl, addressRetry);
      if (retryAfter > 0) throw tooManyAttempts(retryAfter);
    }
    const delay = options.delay ? accountDelayMs(Number(failures ?? 0)) : 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /** Counts a failure; says which limit it reached, if any, so the caller can audit it. */
  failed(email: string, ip: string): Promise<{ lockedPair: boolean; lockedAddress: boolean }> {
    return this.guarded(() => this.count(email, ip));
  }

  private async count(email: string, ip: string): Promise<{ lockedPair: boolean; lockedAddress: boolean }> {
    const keys = this.keys(email, ip);
    const results = await this.redis
      .multi()
      .incr(keys.pairFailures)
      .expire(keys.pairFailures, ACCOUNT_IP_LOCK_SECONDS, 'NX')
      .incr(keys.addressFailures)
      .expire(keys.addressFailures, ADDRESS_WINDOW_SECONDS, 'NX')
      .incr(keys.accountFailures)
      .expire(keys.accountFailures, ACCOUNT_WINDOW_SECONDS)
      .exec();
    const pairCount = Number(results?.[0]?.[1] ?? 0);
    const addressCount = Number(results?.[2]?.[1] ?? 0);
    const lockedPair = pairCount === ACCOUNT_IP_LIMIT;
    if (lockedPair)
      await this.redis.multi().set(keys.pairLock, '1', 'EX', ACCOUNT_IP_LOCK_SECONDS).del(keys.pairFailures).exec();
    return { lockedPair, lockedAddress: addressCount === ADDRESS_LIMIT };
  }

  /** A full sign-in clears the pair's and the account's counts (not the address's). */
  async succeeded(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.guarded(() => this.redis.del(keys.pairFailures, keys.accountFailures));
  }

  /**
   * Takes one of the pending sign-in's 5 attempts, then one of the account's 20 hourly wrong codes, each by
   * an increment whose result decides: of any number of parallel attempts, at most 5 per pending sign-in
   * and 20 per account and hour are ever evaluated.
   */
  takeCodeAttempt(pendingId: string, userId: string): Promise<CodeTicket | CodeRefusal> {
    return this.guarded(async () => {
      const pendingKey = `signin:pending:${pendingId}`;
      const accountKey = `signin:codes:${userId}`;
      const [[, pending]] = (await this.redis
        .multi()
        .incr(pendingKey)
        .expire(pendingKey, PENDING_SIGN_IN_SECONDS, 'NX')
        .exec()) as [[Error | null, number]];
      if (pending > PENDING_SIGN_IN_ATTEMPTS) return { kind: 'pending-void' as const };
      const [[, accountCount], , [, ttl]] = (await this.redis
        .multi()
        .incr(accountKey)
        .expire(accountKey, ACCOUNT_CODE_WINDOW_SECONDS, 'NX')
        .ttl(accountKey)
        .exec()) as [[Error | null, number], unknown, [Error | null, number]];
      if (accountCount > ACCOUNT_CODE_LIMIT)
        return { kind: 'account-capped' as const, retryAfterSeconds: Math.max(ttl, 1) };
      return { pendingId, userId, accountCount };
    });
  }

  /** The right code: it does not count against the account, and the pending sign-in is used up. */
  codeAccepted(ticket: CodeTicket): Promise<void> {
    return this.guarded(async () => {
      await this.redis
        .multi()
        .decr(`signin:codes:${ticket.userId}`)
        .set(`signin:pending:${ticket.pendingId}`, String(PENDING_SIGN_IN_ATTEMPTS + 1), 'KEEPTTL')
        .exec();
    });
  }

  /**
   * A wrong code. True exactly once per window, when the account reaches its hourly cap: the caller warns
   * the holder then.
   */
  codeRejected(ticket: CodeTicket): Promise<boolean> {
    if (ticket.accountCount < ACCOUNT_CODE_LIMIT) return Promise.resolve(false);
    return this.guarded(async () => {
      const ttl = await this.redis.ttl(`signin:codes:${ticket.userId}`);
      const first = await this.redis.set(`signin:codes-capped:${ticket.userId}`, '1', 'EX', Math.max(ttl, 1), 'NX');
      return first === 'OK';
    });
  }
}
