import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditContext, AuditService, ClusterEvents, DomainEvents } from '@liaison/platform';
import type { AuthUser } from '../auth/auth-user';
import { AccountLink } from '../links/account-link.entity';
import { SessionsService } from '../sessions/sessions.service';
import { canChangeRole, canManageRole, GLOBAL_ROLES, Role } from '@liaison/contracts';
import { User } from './user.entity';

export interface UserFilter {
  role?: Role;
  status?: 'active' | 'suspended';
  /** part of an e-mail address or a name */
  q?: string;
  limit?: number;
}

/** Account administration by the secretariat and admins, within what their role may manage. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly cluster: ClusterEvents,
    private readonly events: DomainEvents,
  ) {}

  list(filter: UserFilter): Promise<User[]> {
    const query = this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .orderBy('user.email', 'ASC')
      .limit(filter.limit ?? 100);
    if (filter.role) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.status) query.andWhere('user.status = :status', { status: filter.status });
    if (filter.q) {
      query.andWhere("(user.email ILIKE :q ESCAPE '\\' OR user.display_name ILIKE :q ESCAPE '\\')", {
        q: `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    return query.getMany();
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    if (!user) throw new NotFoundException('No such user');
    return user;
  }

  /** A user's own profile: no audit entry, nothing here is a privilege. */
  async updateProfile(id: string, changes: Partial<Pick<User, 'displayName' | 'locale' | 'timeZone'>>): Promise<void> {
    const fields = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(fields).length > 0) await this.dataSource.getRepository(User).update({ id }, fields);
  }

  private async manageable(actor: AuthUser, id: string): Promise<User> {
    const user = await this.get(id);
    if (user.id === actor.id || !canManageRole(actor.role, user.role)) {
      throw new ForbiddenException('Your role cannot manage this account');
    }
    return user;
  }

  /** Suspends an account, ends all its sessions on every node at once, and voids its open reset links. */
  async suspend(actor: AuthUser, id: string, context: AuditContext): Promise<User> {
    const user = await this.manageable(actor, id);
    if (user.status === 'suspended') return user;
    const ended = await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id }, { status: 'suspended' });
      const sessions = await this.sessions.revokeAllWithin(manager, id, 'suspended');
      const voided = await manager.update(
        AccountLink,
        { userId: id, status: In(['awaiting_approval', 'pending', 'sent', 'failed']) },
        { status: 'voided', usedAt: new Date(), totpSecret: null },
      );
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: 'user.suspended',
          targetType: 'user',
          targetId: id,
          details: { endedSessions: sessions.length, voidedLinks: voided.affected ?? 0 },
        },
        manager,
      );
      return sessions;
    });
    await this.cluster.publish('identity.user-suspended', { userId: id });
    await this.sessions.announceRevoked(id, ended, 'suspended');
    return this.get(id);
  }

  async reinstate(actor: AuthUser, id: string, context: AuditContext): Promise<User> {
    const user = await this.manageable(actor, id);
    if (user.status === 'active') return user;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id }, { status: 'active' });
      await this.audit.append(
        { ...context, actorId: actor.id, action: 'user.reinstated', targetType: 'user', targetId: id },
        manager,
      );
    });
    return this.get(id);
  }

  async changeRole(actor: AuthUser, id: string, role: Role, context: AuditContext): Promise<User> {
    const user = await this.get(id);
    if (user.id === actor.id || !canChangeRole(actor.role, user.role, role)) {
      throw new ForbiddenException(`Your role cannot make this account ${role}`);
    }
    if (user.role === role) return user;
    await this.dataSource.transaction(async (manager) => {
      // Admin and secretariat accounts belong to no authority.
      await manager.update(User, { id }, GLOBAL_ROLES.includes(role) ? { role, authorityId: null } : { role });
      await this.events.publish(
        'identity.role-changed',
        { userId: id, from: user.role, to: role, changedBy: actor.id },
        manager,
      );
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: 'user.role-changed',
          targetType: 'user',
          targetId: id,
          details: { from: user.role, to: role },
        },
        manager,
      );
    });
    return this.get(id);
  }
}
