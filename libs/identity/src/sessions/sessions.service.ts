import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { AppConfig, AuditContext, AuditService, Clock, ClusterEvents, ProblemException } from '@liaison/platform';
import type { AuthUser } from '../auth/auth-user';
import { randomToken, sha256 } from '../credentials/secrets';
import { User } from '../users/user.entity';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';
import { TokensService } from './tokens.service';

export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  /** For the httpOnly cookie only. */
  refreshToken: string;
  sessionExpiresAt: Date;
  user: User;
}

/** Why a session can no longer be used, told to the person so the page can say why they were signed out. */
export type SessionEnd = 'idle' | 'expired' | 'ended';

export function sessionEnded(reason: SessionEnd): ProblemException {
  return new ProblemException({
    type: '/problems/session-ended',
    title: 'Your session has ended',
    status: HttpStatus.UNAUTHORIZED,
    detail:
      reason === 'idle'
        ? 'You were signed out after a period without activity; sign in again'
        : reason === 'expired'
          ? 'Your session reached its maximum length; sign in again'
          : 'Your session has ended; sign in again',
    reason,
  });
}

export interface ClientInfo extends AuditContext {
  userAgent?: string | null;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    private readonly cluster: ClusterEvents,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Opens a session for a user who has just proved both factors. */
  async open(user: User, client: ClientInfo, manager: EntityManager = this.dataSource.manager): Promise<IssuedSession> {
    const now = this.clock.now();
    const session = await manager.save(
      manager.create(Session, {
        userId: user.id,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3_600_000),
        ip: client.ip ?? null,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      }),
    );
    const refreshToken = await this.newRefreshToken(manager, session.id);
    const access = await this.tokens.access({ sub: user.id, sid: session.id, role: user.role });
    return {
      sessionId: session.id,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      sessionExpiresAt: session.expiresAt,
      user,
    };
  }

  private async newRefreshToken(manager: EntityManager, sessionId: string): Promise<string> {
    const token = randomToken(32);
    await manager.insert(RefreshToken, { sessionId, tokenHash: sha256(token) });
    return token;
  }

  /** The moment before which a session's last activity makes it idle. */
  private idleSince(): Date {
    return new Date(this.clock.now().getTime() - this.config.SESSION_IDLE_MINUTES * 60_000);
  }

  /** Sessions joined to their users, narrowed to the live ones (not revoked, idle or expired; user active). */
  private live() {
    return this.dataSource
      .getRepository(Session)
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.user', 'user')
      .where('session.revoked_at IS NULL AND session.expires_at > :now', { now: this.clock.now() })
      .andWhere('session.last_used_at > :idleSince', { idleSince: this.idleSince() })
      .andWhere("user.status = 'active'");
  }

  /** The caller behind an access token, if its session is live (not idle, not expired) and its user active. */
  async authenticate(sessionId: string, userId: string): Promise<AuthUser | null> {
    const row = await this.live()
      .andWhere('session.id = :sessionId AND session.user_id = :userId', { sessionId, userId })
      .getOne();
    if (!row?.user) return null;
    return { id: row.user.id, sessionId: row.id, role: row.user.role, email: row.user.email };
  }

  /** Which of these (session, user) pairs are live, as `authenticate` decides: one query for them all. */
  async liveOf(pairs: { sessionId: string; userId: string }[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows = await this.live()
      .select('session.id', 'id')
      .andWhere(
        '(session.id, session.user_id) IN (SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:users AS uuid[])))',
        {
          ids: pairs.map((pair) => pair.sessionId),
          users: pairs.map((pair) => pair.userId),
        },
      )
      .getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Trades a refresh token for a new one and a new access token. A token already used means it was copied:
   * the whole session is revoked, and whoever holds either copy must sign in again.
   */
  async refresh(token: string, client: ClientInfo, active = false): Promise<IssuedSession> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('token')
        .setLock('pessimistic_write')
        .where('token.token_hash = :hash', { hash: sha256(token) })
        .getOne();
      if (!stored) return null;
      const session = await manager.findOne(Session, { where: { id: stored.sessionId }, relations: { user: true } });
      if (!session?.user || session.user.status !== 'active') return null;
      // Ended for idleness by an earlier refresh (another tab, the page before a reload): still say why.
      if (session.revokedAt)
        return session.revokedReason === 'idle' ? { kind: 'ended' as const, reason: 'idle' as const } : null;
      if (session.expiresAt <= this.clock.now()) return { kind: 'ended' as const, reason: 'expired' as const };
      if (session.lastUsedAt <= this.idleSince()) {
        await manager.update(Session, { id: session.id }, { revokedAt: this.clock.now(), revokedReason: 'idle' });
        return { kind: 'ended' as const, reason: 'idle' as const, session };
      }
      if (stored.usedAt) return { kind: 'reuse' as const, session };
      const now = this.clock.now();
      await manager.update(RefreshToken, { id: stored.id }, { usedAt: now });
      // Only what the person did counts as activity, never the page's timed refresh on its own.
      await manager.update(
        Session,
        { id: session.id },
        { ...(active ? { lastUsedAt: now } : {}), ip: client.ip ?? session.ip },
      );
      const refreshToken = await this.newRefreshToken(manager, session.id);
      const access = await this.tokens.access({ sub: session.user.id, sid: session.id, role: session.user.role });
      return {
        kind: 'issued' as const,
        issued: {
          sessionId: session.id,
          accessToken: access.token,
          accessTokenExpiresAt: access.expiresAt,
          refreshToken,
          sessionExpiresAt: session.expiresAt,
          user: session.user,
        },
      };
    });
    if (!outcome) throw sessionEnded('ended');
    if (outcome.kind === 'ended') {
      if (outcome.session)
        await this.cluster.publish('identity.session-revoked', {
          sessionId: outcome.session.id,
          userId: outcome.session.userId,
          reason: 'idle',
        });
      throw sessionEnded(outcome.reason);
    }
    if (outcome.kind === 'reuse') {
      await this.revoke(outcome.session, 'refresh-token-reuse', { ...client, actorId: outcome.session.userId });
      throw sessionEnded('ended');
    }
    return outcome.issued;
  }

  listFor(userId: string): Promise<Session[]> {
    return this.dataSource.getRepository(Session).find({
      where: {
        userId,
        revokedAt: IsNull(),
        expiresAt: MoreThan(this.clock.now()),
        lastUsedAt: MoreThan(this.idleSince()),
      },
      order: { lastUsedAt: 'DESC' },
    });
  }

  /** A user's session, live or not, or 404. */
  async findOf(userId: string, sessionId: string): Promise<Session> {
    const session = await this.dataSource.getRepository(Session).findOne({ where: { id: sessionId, userId } });
    if (!session) throw new NotFoundException('No such session');
    return session;
  }

  /** One of the caller's own live sessions; someone else's does not exist for them (404). */
  async findOwn(userId: string, sessionId: string): Promise<Session> {
    const session = await this.dataSource
      .getRepository(Session)
      .findOne({ where: { id: sessionId, userId, revokedAt: IsNull() } });
    if (!session) throw new NotFoundException('No such session');
    return session;
  }

  /** Revokes one session, audits it, and tells every node (their sockets for it close). */
  async revoke(session: Session, reason: string, context: AuditContext): Promise<void> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        Session,
        { id: session.id, revokedAt: IsNull() },
        { revokedAt: this.clock.now(), revokedReason: reason },
      );
      if (!result.affected) return false;
      await this.audit.append(
        {
          ...context,
          action: 'session.revoked',
          targetType: 'session',
          targetId: session.id,
          details: { reason, userId: session.userId },
        },
        manager,
      );
      return true;
    });
    if (revoked)
      await this.cluster.publish('identity.session-revoked', { sessionId: session.id, userId: session.userId, reason });
  }

  /**
   * Ends every live session of a user inside the caller's transaction (suspension, reset, password change).
   * Returns them so the caller can announce the revocations once it commits.
   */
  async revokeAllWithin(manager: EntityManager, userId: string, reason: string, except?: string): Promise<string[]> {
    const query = manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: this.clock.now(), revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (except) query.andWhere('id <> :except', { except });
    const rows = await query.returning('id').execute();
    return (rows.raw as { id: string }[]).map((row) => row.id);
  }

  async announceRevoked(userId: string, sessionIds: string[], reason: string): Promise<void> {
    await Promise.all(
      sessionIds.map((sessionId) => this.cluster.publish('identity.session-revoked', { sessionId, userId, reason })),
    );
  }
}
