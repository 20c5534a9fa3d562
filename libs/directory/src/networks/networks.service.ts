import { ConflictException, ForbiddenException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser, InvitationsService, LinkState, PeopleService, Person } from '@liaison/identity';
import { AuditContext, AuditService, DomainEvents, ValidationProblem } from '@liaison/platform';
import { NotificationKinds, Notifier } from '@liaison/notifications';
import { Authority } from '../authorities/authority.entity';
import { Memberships } from '../memberships/memberships.service';
import type {
  CreateNetworkDto,
  MemberDto,
  NetworkDetailDto,
  NetworkSummaryDto,
  UpdateNetworkDto,
} from './networks.dto';
import { State } from '../states/state.entity';
import { Network } from './network.entity';
import { NetworkMember } from './network-member.entity';
import { NetworkState } from './network-state.entity';

const STAFF = ['admin', 'secretariat'];
export const NETWORK_MEMBER_ADDED = 'network.member-added';

/**
 * Networks, their member States, coordinators and members. Everyone signed in reads them; the secretariat
 * and admins manage them; a coordinator manages the membership of the networks they coordinate, and only
 * with focal points of those networks' member States.
 */
@Injectable()
export class NetworksService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
    private readonly notifier: Notifier,
    private readonly kinds: NotificationKinds,
    private readonly memberships: Memberships,
    private readonly people: PeopleService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.kinds.register({
      kind: NETWORK_MEMBER_ADDED,
      inApp: true,
      email: 'on',
      template: {
        en: {
          subject: 'You were added to the network {network}',
          text: '{actor} added you to the network {network} on Liaison.\n\nOpen Liaison:\n{link}',
        },
        fr: {
          subject: 'Vous avez été ajouté au réseau {network}',
          text: '{actor} vous a ajouté au réseau {network} sur Liaison.\n\nOuvrir Liaison :\n{link}',
        },
        ar: {
          subject: 'أُضفت إلى شبكة {network}',
          text: 'أضافك {actor} إلى شبكة {network} على Liaison.\n\nافتح Liaison:\n{link}',
        },
      },
    });
  }

  private async summaries(networks: Network[]): Promise<NetworkSummaryDto[]> {
    if (networks.length === 0) return [];
    const ids = networks.map((network) => network.id);
    const [states, members] = await Promise.all([
      this.dataSource
        .getRepository(NetworkState)
        .find({ where: { networkId: In(ids) }, relations: { state: true }, order: { stateCode: 'ASC' } }),
      this.dataSource.getRepository(NetworkMember).find({ where: { networkId: In(ids) } }),
    ]);
    const coordinators = await this.people.many(
      members.filter((row) => row.networkRole === 'coordinator').map((row) => row.userId),
    );
    const nameOf = (id: string) => coordinators.find((person) => person.id === id)?.displayName ?? '';
    return networks.map((network) => ({
      id: network.id,
      slug: network.slug,
      name: network.name,
      description: network.description,
      demo: network.demo,
      memberStates: states
        .filter((row) => row.networkId === network.id)
        .map((row) => ({ code: row.stateCode, name: row.state?.name ?? row.stateCode })),
      coordinators: members
        .filter((row) => row.networkId === network.id && row.networkRole === 'coordinator')
        .map((row) => ({ id: row.userId, displayName: nameOf(row.userId) })),
      memberCount: members.filter((row) => row.networkId === network.id).length,
    }));
  }

  async list(): Promise<NetworkSummaryDto[]> {
    return this.summaries(await this.dataSource.getRepository(Network).find({ order: { name: 'ASC' } }));
  }

  /** The networks I belong to or coordinate. */
  async mine(userId: string): Promise<NetworkSummaryDto[]> {
    const networks = await this.dataSource
      .getRepository(Network)
      .createQueryBuilder('network')
      .innerJoin(NetworkMember, 'member', 'member.network_id = network.id AND member.user_id = :userId', { userId })
      .orderBy('network.name')
      .getMany();
    return this.summaries(networks);
  }

  private async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<Network> {
    const network = await manager.findOne(Network, { where: { id } });
    if (!network) throw new NotFoundException('No such network');
    return network;
  }

  async detail(id: string): Promise<NetworkDetailDto> {
    const [summary] = await this.summaries([await this.find(id)]);
    const rows = await this.dataSource.getRepository(NetworkMember).find({ where: { networkId: id } });
    const people = await this.people.many(rows.map((row) => row.userId));
    const authorityIds = people.map((person) => person.authorityId).filter((value): value is string => Boolean(value));
    const authorities = authorityIds.length
      ? await this.dataSource.getRepository(Authority).find({ where: { id: In(authorityIds) } })
      : [];
    const members: MemberDto[] = rows
      .flatMap((row) => {
        const user = people.find((person) => person.id === row.userId);
        return user ? [{ row, user }] : [];
      })
      .map(({ row, user }) => {
        const authority = authorities.find((candidate) => candidate.id === user.authorityId);
        return {
          id: user.id,
          displayName: user.displayName,
          email: user.email,
          role: user.role,
          networkRole: row.networkRole,
          authority: authority ? { id: authority.id, name: authority.name, stateCode: authority.stateCode } : null,
        };
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    return { ...summary, members };
  }

  private async setStates(manager: EntityManager, networkId: string, codes: string[]): Promise<void> {
    const unique = [...new Set(codes)];
    const known = await manager.count(State, { where: { code: In(unique) } });
    if (known !== unique.length)
      throw new ValidationProblem([{ field: 'stateCodes', message: 'lists a State that is not in the directory' }]);
    await manager.delete(NetworkState, { networkId });
    if (unique.length)
      await manager.insert(
        NetworkState,
        unique.map((stateCode) => ({ networkId, stateCode })),
      );
  }

  async create(input: CreateNetworkDto, context: AuditContext): Promise<NetworkDetailDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(Network, { where: { slug: input.slug } }))
        throw new ConflictException('A network has this slug');
      const network = await manager.save(
        manager.create(Network, { slug: input.slug, name: input.name, description: input.description }),
      );
      await this.setStates(manager, network.id, input.stateCodes);
      await this.audit.append(
        { ...context, action: 'network.created', targetType: 'network', targetId: network.id, details: { ...input } },
        manager,
      );
      return network.id;
    });
    return this.detail(id);
  }

  async update(id: string, changes: UpdateNetworkDto, context: AuditContext): Promise<NetworkDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const network = await this.find(id, manager);
      if (changes.name !== undefined) network.name = changes.name;
      if (changes.description !== undefined) network.description = changes.description;
      await manager.save(network);
      let ended: { userId: string }[] = [];
      if (changes.stateCodes) {
        await this.setStates(manager, id, changes.stateCodes);
        // Focal points of a State no longer in the network leave it (coordinators too).
        ended = await this.memberships.end(manager, { ineligible: { networkId: id } });
      }
      await this.audit.append(
        {
          ...context,
          action: 'network.updated',
          targetType: 'network',
          targetId: id,
          details: { ...changes, ...(ended.length ? { endedMemberships: ended.map((row) => row.userId) } : {}) },
        },
        manager,
      );
    });
    return this.detail(id);
  }

  /** Replaces the coordinators; each must be a coordinator account. */
  async setCoordinators(id: string, userIds: string[], context: AuditContext): Promise<NetworkDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.find(id, manager);
      const unique = [...new Set(userIds)];
      const users = await this.people.many(unique, manager);
      const wrong = unique.find((userId) => users.find((user) => user.id === userId)?.role !== 'coordinator');
      if (wrong) throw new ValidationProblem([{ field: 'userIds', message: `${wrong} is not a coordinator account` }]);
      await manager.update(NetworkMember, { networkId: id, networkRole: 'coordinator' }, { networkRole: 'member' });
      const members = new Set(
        (await manager.find(NetworkMember, { where: { networkId: id, userId: In(unique) } })).map((row) => row.userId),
      );
      for (const userId of unique) {
        await manager.upsert(
          NetworkMember,
          { networkId: id, userId, networkRole: 'coordinator', addedBy: context.actorId ?? null },
          ['networkId', 'userId'],
        );
        if (!members.has(userId))
          await this.events.publish('directory.member-added', { networkId: id, userId }, manager);
      }
      await this.audit.append(
        {
          ...context,
          action: 'network.coordinators-set',
          targetType: 'network',
          targetId: id,
          details: { userIds: unique },
        },
        manager,
      );
    });
    return this.detail(id);
  }

  /** Whether the caller may change this network's membership: staff always, a coordinator for their own networks. */
  private async mayManageMembers(manager: EntityManager, actor: AuthUser, networkId: string): Promise<boolean> {
    if (STAFF.includes(actor.role)) return true;
    if (actor.role !== 'coordinator') return false;
    return manager.exists(NetworkMember, { where: { networkId, userId: actor.id, networkRole: 'coordinator' } });
  }

  /** A focal point or coordinator whose authority is in one of the network's member States. */
  private async requireEligible(manager: EntityManager, networkId: string, user: Person, field: string): Promise<void> {
    if (user.role !== 'focal_point' && user.role !== 'coordinator') {
      throw new ValidationProblem([{ field, message: 'only focal points and coordinators belong to networks' }]);
    }
    const eligible = await manager
      .createQueryBuilder(Authority, 'authority')
      .innerJoin(NetworkState, 'ns', 'ns.state_code = authority.state_code AND ns.network_id = :networkId', {
        networkId,
      })
      .where('authority.id = :authorityId', { authorityId: user.authorityId })
      .getExists();
    if (!eligible)
      throw new ValidationProblem([{ field, message: 'their authority is not in a member State of this network' }]);
  }

  async addMember(
    actor: AuthUser,
    networkId: string,
    userId: string,
    context: AuditContext,
  ): Promise<NetworkDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const network = await this.find(networkId, manager);
      if (!(await this.mayManageMembers(manager, actor, networkId)))
        throw new ForbiddenException('You do not manage this network');
      const user = await this.people.get(userId, manager);
      if (!user) throw new ValidationProblem([{ field: 'userId', message: 'no such user' }]);
      await this.requireEligible(manager, networkId, user, 'userId');
      if (actor.role === 'coordinator' && user.role !== 'focal_point')
        throw new ForbiddenException('Coordinators add focal points only');
      // Already a member (or a coordinator) stays as they are.
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(NetworkMember)
        .values({ networkId, userId, networkRole: 'member', addedBy: actor.id })
        .orIgnore()
        .returning('user_id')
        .execute();
      if (inserted.raw.length === 0) return;
      await this.events.publish('directory.member-added', { networkId, userId }, manager);
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: 'network.member-added',
          targetType: 'network',
          targetId: networkId,
          details: { userId },
        },
        manager,
      );
      await this.notifier.notify(manager, {
        kind: NETWORK_MEMBER_ADDED,
        recipients: [userId],
        actorId: actor.id,
        network: { id: network.id, name: network.name },
        link: '/profile',
      });
    });
    return this.detail(networkId);
  }

  async removeMember(actor: AuthUser, networkId: string, userId: string, context: AuditContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.find(networkId, manager);
      if (!(await this.mayManageMembers(manager, actor, networkId)))
        throw new ForbiddenException('You do not manage this network');
      const row = await manager.findOne(NetworkMember, { where: { networkId, userId } });
      if (!row) throw new NotFoundException('Not a member of this network');
      if (actor.role === 'coordinator' && row.networkRole === 'coordinator')
        throw new ForbiddenException('Only the secretariat changes coordinators');
      await this.memberships.end(manager, { networkId, userId });
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: 'network.member-removed',
          targetType: 'network',
          targetId: networkId,
          details: { userId },
        },
        manager,
      );
    });
  }

  /**
   * A coordinator (or staff) invites a focal point of a member State straight into this network. A
   * coordinator's invitation waits for the secretariat's approval before it is e-mailed.
   */
  async inviteFocalPoint(
    actor: AuthUser,
    networkId: string,
    email: string,
    authorityId: string,
    context: AuditContext,
  ): Promise<LinkState> {
    const allowed = await this.dataSource.transaction(async (manager) => {
      await this.find(networkId, manager);
      return this.mayManageMembers(manager, actor, networkId);
    });
    if (!allowed) throw new ForbiddenException('You do not manage this network');
    return this.invitations.invite(
      actor,
      { email, role: 'focal_point', authorityId, networkIds: [networkId] },
      context,
      STAFF.includes(actor.role) ? undefined : 'network-coordinator',
    );
  }
}
