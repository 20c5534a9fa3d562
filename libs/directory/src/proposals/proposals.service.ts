import { ConflictException, ForbiddenException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, PeopleService } from '@liaison/identity';
import { AuditContext, AuditService, Clock, decodeCursor, Page, pageOf, ValidationProblem } from '@liaison/platform';
import { MailTemplate, NotificationKinds, Notifier } from '@liaison/notifications';
import { AuthoritiesService, checkHours, staleProblem } from '../authorities/authorities.service';
import { Authority } from '../authorities/authority.entity';
import {
  applyFlat,
  diff,
  flatten,
  flattenInput,
  FlatRecord,
  merge,
  RECORD_FIELDS,
  sameValue,
} from '../authorities/record-fields';
import { State } from '../states/state.entity';
import { VersionsService } from '../versions/versions.service';
import { AuthorityProposal } from './authority-proposal.entity';
import type {
  ApproveProposalDto,
  ProposalDetailDto,
  ProposalQueryDto,
  ProposalSummaryDto,
  ProposeChangesDto,
} from './proposals.dto';
import { isStaff, mayPropose, proposableBy } from './proposals.policy';

export const PROPOSAL_FILED = 'directory.proposal-filed';
export const PROPOSAL_APPROVED = 'directory.proposal-approved';
export const PROPOSAL_REJECTED = 'directory.proposal-rejected';
export const PROPOSAL_STALE = 'directory.proposal-stale';

const mail = (en: string, fr: string, ar: string): MailTemplate => ({
  en: { subject: en, text: `${en}.\n\nOpen Liaison:\n{link}` },
  fr: { subject: fr, text: `${fr}.\n\nOuvrir Liaison :\n{link}` },
  ar: { subject: ar, text: `${ar}.\n\nافتح Liaison:\n{link}` },
});

export const proposalPath = (id: string) => `/directory/proposals/${id}`;

type Loaded = AuthorityProposal & { authority: Authority & { state: State } };

/**
 * Proposed changes to authorities' records. A focal point proposes on their own authority's record (a
 * central authority's, on its State's); the secretariat approves, merging field by field onto the record as
 * it is now, or rejects. A field someone else changed since, to another value, is never overwritten: the
 * approval is refused (409) and the proposal goes back to its proposer as stale.
 */
@Injectable()
export class ProposalsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    private readonly notifier: Notifier,
    private readonly kinds: NotificationKinds,
    private readonly authorities: AuthoritiesService,
    private readonly versions: VersionsService,
  ) {}

  onModuleInit(): void {
    this.kinds.register({
      kind: PROPOSAL_FILED,
      inApp: true,
      email: 'on',
      template: mail(
        '{actor} proposed a change to a directory record',
        '{actor} a proposé une modification d’une fiche de l’annuaire',
        'اقترح {actor} تعديل سجل في الدليل',
      ),
    });
    this.kinds.register({
      kind: PROPOSAL_APPROVED,
      inApp: true,
      email: 'on',
      template: mail(
        'Your proposed change to a directory record was approved',
        'Votre modification proposée d’une fiche de l’annuaire a été approuvée',
        'تمت الموافقة على التعديل الذي اقترحته على سجل في الدليل',
      ),
    });
    this.kinds.register({
      kind: PROPOSAL_REJECTED,
      inApp: true,
      email: 'on',
      template: mail(
        'Your proposed change to a directory record was rejected',
        'Votre modification proposée d’une fiche de l’annuaire a été refusée',
        'رُفض التعديل الذي اقترحته على سجل في الدليل',
      ),
    });
    this.kinds.register({
      kind: PROPOSAL_STALE,
      inApp: true,
      email: 'on',
      template: mail(
        'The record changed since your proposal: please review and resubmit it',
        'La fiche a changé depuis votre proposition : vérifiez-la et soumettez-la à nouveau',
        'تغيّر السجل منذ اقتراحك: يرجى مراجعته وإعادة تقديمه',
      ),
    });
  }

  async file(user: AuthUser, authorityId: string, input: ProposeChangesDto, context: AuditContext) {
    if (input.officeHours) checkHours(input.officeHours);
    const id = await this.dataSource.transaction(async (manager) => {
      const authority = await manager.findOne(Authority, { where: { id: authorityId } });
      if (!authority) throw new NotFoundException('No such authority');
      if (isStaff(user)) throw new ForbiddenException('The secretariat edits the record directly');
      if (!mayPropose(await proposableBy(user, this.people, manager), authority))
        throw new ForbiddenException("Only this authority's focal points (or its State's central authority) propose");
      const current = flatten(authority);
      const changes = diff(current, flattenInput(input as unknown as Record<string, unknown>));
      if (changes.length === 0)
        throw new ValidationProblem([{ field: 'body', message: 'changes no field of the record' }]);
      const proposal = await manager.save(
        manager.create(AuthorityProposal, {
          authorityId,
          proposerId: user.id,
          status: 'pending',
          baseVersion: authority.version,
          base: Object.fromEntries(changes.map((change) => [change.field, change.from])),
          changes: Object.fromEntries(changes.map((change) => [change.field, change.to])),
          conflicts: [],
        }),
      );
      await this.audit.append(
        {
          ...context,
          action: 'authority.proposal-filed',
          targetType: 'authority',
          targetId: authorityId,
          details: { proposalId: proposal.id, fields: changes.map((change) => change.field) },
        },
        manager,
      );
      const secretariat = await this.people.find({ roles: ['secretariat'], status: 'active' }, manager);
      await this.notifier.notify(manager, {
        kind: PROPOSAL_FILED,
        recipients: secretariat.map((person) => person.id),
        actorId: user.id,
        link: proposalPath(proposal.id),
      });
      return proposal.id;
    });
    return this.get(user, id);
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<AuthorityProposal | null> {
    const query = manager.getRepository(AuthorityProposal).createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** A proposal the user may see, or 404. */
  private async visible(user: AuthUser, id: string): Promise<Loaded> {
    const proposal = await this.dataSource
      .getRepository(AuthorityProposal)
      .findOne({ where: { id }, relations: { authority: { state: true } } });
    if (!proposal?.authority) throw new NotFoundException('No such proposal');
    if (
      !isStaff(user) &&
      proposal.proposerId !== user.id &&
      !mayPropose(await proposableBy(user, this.people, this.dataSource.manager), proposal.authority)
    )
      throw new NotFoundException('No such proposal');
    return proposal as Loaded;
  }

  async get(user: AuthUser, id: string): Promise<ProposalDetailDto> {
    const proposal = await this.visible(user, id);
    const people = await this.people.many(
      [proposal.proposerId, proposal.decidedBy].filter((value): value is string => value !== null),
    );
    const nameOf = (personId: string) => ({
      id: personId,
      displayName: people.find((person) => person.id === personId)?.displayName ?? '',
    });
    const current = flatten(proposal.authority);
    const base = proposal.base as FlatRecord;
    const changes = proposal.changes as FlatRecord;
    return {
      ...this.summary(proposal, nameOf(proposal.proposerId).displayName),
      baseVersion: proposal.baseVersion,
      currentVersion: proposal.authority.version,
      approvedVersion: proposal.approvedVersion,
      reason: proposal.reason,
      decidedBy: proposal.decidedBy ? nameOf(proposal.decidedBy) : null,
      conflicts: proposal.conflicts,
      diff: RECORD_FIELDS.filter((field) => field in changes).map((field) => ({
        field,
        proposed: changes[field] ?? null,
        base: base[field] ?? null,
        current: current[field] ?? null,
        conflict:
          proposal.status !== 'approved' &&
          !sameValue(current[field], base[field]) &&
          !sameValue(current[field], changes[field]),
      })),
    };
  }

  private summary(proposal: Loaded, proposerName: string): ProposalSummaryDto {
    return {
      id: proposal.id,
      authority: {
        id: proposal.authority.id,
        name: proposal.authority.name,
        state: { code: proposal.authority.stateCode, name: proposal.authority.state?.name ?? '' },
      },
      proposer: { id: proposal.proposerId, displayName: proposerName },
      status: proposal.status,
      fields: RECORD_FIELDS.filter((field) => field in proposal.changes),
      createdAt: proposal.createdAt.toISOString(),
      decidedAt: proposal.decidedAt?.toISOString() ?? null,
    };
  }

  /** The review queue for the secretariat; for others, the proposals on records they may propose on. */
  async list(user: AuthUser, query: ProposalQueryDto): Promise<Page<ProposalSummaryDto>> {
    const limit = query.limit ?? 50;
    const builder = this.dataSource
      .getRepository(AuthorityProposal)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.authority', 'authority')
      .leftJoinAndSelect('authority.state', 'state')
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit + 1);
    if (!isStaff(user)) {
      const scope = await proposableBy(user, this.people, this.dataSource.manager);
      if (query.authority) {
        const authority = await this.dataSource.getRepository(Authority).findOneBy({ id: query.authority });
        if (!authority || !mayPropose(scope, authority)) throw new NotFoundException('No such authority');
      }
      builder.andWhere('(p.proposer_id = :me OR p.authority_id = :own OR authority.state_code = :state)', {
        me: user.id,
        own: scope?.authorityId ?? null,
        state: scope?.stateCode ?? null,
      });
    }
    if (query.authority) builder.andWhere('p.authority_id = :authority', { authority: query.authority });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    if (after)
      builder.andWhere('(p.created_at, p.id) > (:afterAt::timestamptz, :afterId)', {
        afterAt: after[0],
        afterId: after[1],
      });
    const page = pageOf(await builder.getMany(), limit, (row) => [row.createdAt.toISOString(), row.id]);
    const people = await this.people.many(page.items.map((row) => row.proposerId));
    return {
      items: page.items.map((row) =>
        this.summary(row as Loaded, people.find((person) => person.id === row.proposerId)?.displayName ?? ''),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Approves onto the record as it is now, under its row lock: concurrent approvals and direct edits run
   * one after another, and each sees what the other wrote. Fields changed since to another value make it
   * stale (409), unless the secretariat's `edits` decide them.
   */
  async approve(user: AuthUser, id: string, input: ApproveProposalDto, context: AuditContext) {
    if (input.edits?.officeHours) checkHours(input.edits.officeHours);
    const stale = await this.dataSource.transaction(async (manager) => {
      const proposal = await this.load(manager, id, true);
      if (!proposal) throw new NotFoundException('No such proposal');
      if (proposal.status === 'approved' || proposal.status === 'rejected')
        throw new ConflictException(`The proposal was ${proposal.status} already`);
      const authority = await this.authorities.lock(manager, proposal.authorityId);
      const current = flatten(authority);
      // The reviewer's edits name only the contact sub-fields they decide.
      const edits = input.edits
        ? flattenInput(input.edits as unknown as Record<string, unknown>, { partialContact: true })
        : {};
      const { apply, conflicts } = merge(current, proposal.base as FlatRecord, proposal.changes as FlatRecord, edits);
      if (conflicts.length) {
        const wasPending = proposal.status === 'pending';
        proposal.status = 'stale';
        proposal.conflicts = conflicts;
        await manager.save(proposal);
        await this.audit.append(
          {
            ...context,
            action: 'authority.proposal-stale',
            targetType: 'authority',
            targetId: authority.id,
            details: { proposalId: proposal.id, fields: conflicts },
          },
          manager,
        );
        if (wasPending)
          await this.notifier.notify(manager, {
            kind: PROPOSAL_STALE,
            recipients: [proposal.proposerId],
            actorId: user.id,
            link: proposalPath(proposal.id),
          });
        return conflicts;
      }
      const changed = diff(current, apply);
      applyFlat(authority, Object.fromEntries(changed.map((change) => [change.field, change.to])));
      if (changed.length) {
        authority.version += 1;
        await manager.save(authority);
        await this.versions.append(manager, authority, 'proposal', user.id, proposal.id);
      }
      Object.assign(proposal, {
        status: 'approved',
        conflicts: [],
        decidedBy: user.id,
        decidedAt: this.clock.now(),
        approvedVersion: authority.version,
      });
      await manager.save(proposal);
      await this.audit.append(
        {
          ...context,
          action: 'authority.proposal-approved',
          targetType: 'authority',
          targetId: authority.id,
          details: {
            proposalId: proposal.id,
            fields: changed.map((change) => change.field),
            edited: Object.keys(edits),
            version: authority.version,
          },
        },
        manager,
      );
      await this.notifier.notify(manager, {
        kind: PROPOSAL_APPROVED,
        recipients: [proposal.proposerId],
        actorId: user.id,
        link: proposalPath(proposal.id),
      });
      return null;
    });
    if (stale) throw staleProblem(stale, 'The record changed since the proposal');
    return this.get(user, id);
  }

  async reject(user: AuthUser, id: string, reason: string, context: AuditContext) {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.load(manager, id, true);
      if (!proposal) throw new NotFoundException('No such proposal');
      if (proposal.status === 'approved' || proposal.status === 'rejected')
        throw new ConflictException(`The proposal was ${proposal.status} already`);
      Object.assign(proposal, { status: 'rejected', reason, decidedBy: user.id, decidedAt: this.clock.now() });
      await manager.save(proposal);
      await this.audit.append(
        {
          ...context,
          action: 'authority.proposal-rejected',
          targetType: 'authority',
          targetId: proposal.authorityId,
          details: { proposalId: proposal.id },
        },
        manager,
      );
      await this.notifier.notify(manager, {
        kind: PROPOSAL_REJECTED,
        recipients: [proposal.proposerId],
        actorId: user.id,
        link: proposalPath(proposal.id),
      });
    });
    return this.get(user, id);
  }
}
