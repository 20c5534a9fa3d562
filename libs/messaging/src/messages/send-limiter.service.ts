import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig, ProblemException, RedisConnections } from '@liaison/platform';

/** Seconds over which the burst allowance (MESSAGE_RATE_BURST − MESSAGE_RATE_PER_SECOND) refills. */
const BURST_WINDOW_S = 10;

/**
 * A per-user limit on sending, shared by REST and sockets and by every node (Redis): MESSAGE_RATE_PER_SECOND
 * sustained, up to MESSAGE_RATE_BURST within a second. rate-limiter-flexible does the counting; if Redis is
 * away, an in-memory limiter per node takes over rather than refusing every message.
 */
@Injectable()
export class SendLimiter implements OnModuleInit {
  private limiter!: Pick<BurstyRateLimiter, 'consume'>;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {}

  onModuleInit(): void {
    const rate = this.config.MESSAGE_RATE_PER_SECOND;
    const extra = Math.max(0, this.config.MESSAGE_RATE_BURST - rate);
    const storeClient = this.redis.create('send-limiter', { keyPrefix: false, failFast: true, autoPipelining: true });
    const prefix = `${this.redis.keyPrefix}send-rate`;
    const make = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient,
        keyPrefix,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
      });
    const sustained = make(prefix, rate, 1);
    this.limiter =
      extra > 0 ? new BurstyRateLimiter(sustained, make(`${prefix}-burst`, extra, BURST_WINDOW_S)) : sustained;
  }

  /** Counts one message for `userId`; a 429 problem (with the wait) once over the limit. */
  async consume(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterMs = Math.max(rejection.msBeforeNext, 1);
      throw new ProblemException({
        type: '/problems/rate-limited',
        title: 'You are sending too fast',
        status: HttpStatus.TOO_MANY_REQUESTS,
        detail: `At most ${this.config.MESSAGE_RATE_PER_SECOND} messages per second. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
        retryAfterMs,
      });
    }
  }
}
