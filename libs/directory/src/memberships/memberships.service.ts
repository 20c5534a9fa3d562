import { ForbiddenException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser, canManageRole, InvitationAccepted, PeopleService } from '@liaison/identity';
import { AuditContext, AuditService, DomainEvents, ValidationProblem } from '@liaison/platform';
import { Authority } from '../authorities/authority.entity';
import { Network } from '../networks/network.entity';
import { NetworkMember } from '../networks/network-member.entity';
import { NetworkState } from '../networks/network-state.entity';

/**
 * Which memberships end: one person's in one network, or every membership that is no longer eligible (its
 * person is not a focal point or coordinator, or their authority's State is not a member State of the
 * network) within one network or of one person.
 */
export type MembershipsToEnd =
  { networkId: string; userId: string } | { ineligible: { networkId: string } | { userId: string } };

/**
 * Attaches people to their authority and networks. Identity knows these only as ids; the directory checks
 * them when an invitation is created and writes the memberships when it is accepted — both inside identity's
 * transaction, so an invalid invitation is never stored and a failed acceptance leaves neither the account
 * nor its memberships.
 */
@Injectable()
export class Memberships implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
  ) {}

  onModuleInit(): void {
    this.events.on('identity.account-link-created', async (event, manager) => {
      if (event.kind === 'invitation') await this.check(manager, event.authorityId, event.networkIds);
    });
    this.events.on('identity.invitation-accepted', (event, manager) => this.attach(manager, event));
    this.events.on('identity.role-changed', async (event, manager) => {
      if (event.to === 'admin' || event.to === 'secretariat') {
        // Global roles belong to no network.
        await this.end(manager, { ineligible: { userId: event.userId } });
      } else if (event.to !== 'coordinator') {
        await manager.update(
          NetworkMember,
          { userId: event.userId, networkRole: 'coordinator' },
          { networkRole: 'member' },
        );
      }
    });
  }

  /**
   * The one way a membership ends, inside the caller's transaction: deletes the rows and publishes
   * `directory.member-removed` for each, so that messaging takes the person out of the network's rooms on
   * every node once the transaction commits. Returns what ended.
   */
  async end(manager: EntityManager, which: MembershipsToEnd): Promise<{ networkId: string; userId: string }[]> {
    let rows: { network_id: string; user_id: string }[];
    if ('ineligible' in which) {
      const scope = 'networkId' in which.ineligible ? 'm.network_id = $1' : 'm.user_id = $1';
      const id = 'networkId' in which.ineligible ? which.ineligible.networkId : which.ineligible.userId;
      [rows] = (await manager.query(
        `DELETE FROM network_members m
          USING users u
          WHERE u.id = m.user_id AND ${scope}
            AND (u.role NOT IN ('focal_point', 'coordinator')
              OR NOT EXISTS (
                SELECT 1 FROM authorities a
                  JOIN network_states ns ON ns.state_code = a.state_code AND ns.network_id = m.network_id
                 WHERE a.id = u.authority_id))
        RETURNING m.network_id, m.user_id`,
        [id],
      )) as [{ network_id: string; user_id: string }[], number];
    } else {
      [rows] = (await manager.query(
        'DELETE FROM network_members WHERE network_id = $1 AND user_id = $2 RETURNING network_id, user_id',
        [which.networkId, which.userId],
      )) as [{ network_id: string; user_id: string }[], number];
    }
    const ended = rows.map((row) => ({ networkId: row.network_id, userId: row.user_id }));
    for (const membership of ended) await this.events.publish('directory.member-removed', membership, manager);
    return ended;
  }

  /** The authority exists, every network exists, and each network has the authority's State as a member. */
  private async check(
    manager: EntityManager,
    authorityId: string | null,
    networkIds: string[],
  ): Promise<Authority | null> {
    const authority = authorityId ? await manager.findOne(Authority, { where: { id: authorityId } }) : null;
    if (authorityId && !authority)
      throw new ValidationProblem([{ field: 'authorityId', message: 'no such authority in the directory' }]);
    if (networkIds.length === 0) return authority;
    const networks = await manager.count(Network, { where: { id: In(networkIds) } });
    if (networks !== networkIds.length)
      throw new ValidationProblem([{ field: 'networkIds', message: 'lists a network that does not exist' }]);
    if (authority) {
      const memberships = await manager.count(NetworkState, {
        where: { networkId: In(networkIds), stateCode: authority.stateCode },
      });
      if (memberships !== networkIds.length) {
        throw new ValidationProblem([
          { field: 'networkIds', message: `a network does not have ${authority.stateCode} as a member State` },
        ]);
      }
    }
    return authority;
  }

  private async attach(manager: EntityManager, event: InvitationAccepted): Promise<void> {
    const authority = await this.check(manager, event.authorityId, event.networkIds);
    if (authority) await this.people.assign(event.userId, { timeZone: authority.timeZone }, manager);
    if (event.networkIds.length) {
      await manager.insert(
        NetworkMember,
        event.networkIds.map((networkId) => ({
          networkId,
          userId: event.userId,
          networkRole: 'member' as const,
          addedBy: null,
        })),
      );
      for (const networkId of event.networkIds)
        await this.events.publish('directory.member-added', { networkId, userId: event.userId }, manager);
    }
  }

  /** Moves a focal point or coordinator to another authority (secretariat and admins, within their roles). */
  async setAuthority(
    actor: AuthUser,
    userId: string,
    authorityId: string | null,
    context: AuditContext,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.people.get(userId, manager);
      if (!user) throw new NotFoundException('No such user');
      if (user.id === actor.id || !canManageRole(actor.role, user.role))
        throw new ForbiddenException('Your role cannot manage this account');
      if (user.role === 'admin' || user.role === 'secretariat') {
        throw new ValidationProblem([
          { field: 'authorityId', message: 'admin and secretariat accounts belong to no authority' },
        ]);
      }
      if (authorityId && !(await manager.exists(Authority, { where: { id: authorityId } }))) {
        throw new ValidationProblem([{ field: 'authorityId', message: 'no such authority in the directory' }]);
      }
      await this.people.assign(userId, { authorityId }, manager);
      // Memberships (coordinator roles included) in networks without the new authority's State end with it.
      const ended = await this.end(manager, { ineligible: { userId } });
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: 'user.authority-changed',
          targetType: 'user',
          targetId: userId,
          details: { from: user.authorityId, to: authorityId, endedNetworks: ended.map((row) => row.networkId) },
        },
        manager,
      );
    });
  }
}
