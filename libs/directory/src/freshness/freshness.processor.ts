import { ForbiddenException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, PeopleService } from '@liaison/identity';
import { AuditContext, AuditService, Clock, ExpectedJob, jobId, Queues } from '@liaison/platform';
import { NotificationKinds, Notifier } from '@liaison/notifications';
import { Authority } from '../authorities/authority.entity';
import { isStaff, mayPropose, proposableBy } from '../proposals/proposals.policy';
import { addMonths, dateOf, dueCycle, VERIFY_EVERY_MONTHS } from './freshness';
import { VerificationReminder } from './verification-reminder.entity';

export const VERIFY_REMINDER_QUEUE = 'directory.verify-reminder';
export const VERIFICATION_DUE = 'directory.verification-due';

export interface VerifyReminderJob {
  authorityId: string;
  /** The cycle's due date, `YYYY-MM-DD`. */
  cycle: string;
}

declare module '@liaison/platform' {
  interface QueueJobMap {
    /** Reminds an authority's focal points, once per 6-month cycle, to verify its record. */
    'directory.verify-reminder': VerifyReminderJob;
  }
}

export const verifyReminderJobId = (job: VerifyReminderJob) => jobId('verify-reminder', job.authorityId, job.cycle);

/** The most records one sweep reads. */
const SWEEP_RECORDS = 5000;

const verificationBase = (authority: Pick<Authority, 'lastVerified' | 'createdAt'>) =>
  authority.lastVerified ?? dateOf(authority.createdAt);

/**
 * Freshness of the records: a focal point confirms "nothing changed" in one click (audited), and a record
 * not verified for 6 months has its focal points reminded, once per cycle, through the queue. The sweep
 * queues the reminder of every due record from PostgreSQL; the job re-checks the record when it runs and
 * claims the cycle in the transaction that records the notifications.
 */
@Injectable()
export class Freshness implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: Queues,
    private readonly notifier: Notifier,
    private readonly kinds: NotificationKinds,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.queues.register({
      name: VERIFY_REMINDER_QUEUE,
      process: async (payload) => {
        await this.remind(payload);
      },
      expected: () => this.expected(),
    });
    this.kinds.register({
      kind: VERIFICATION_DUE,
      inApp: true,
      email: 'on',
      template: {
        en: {
          subject: 'Please verify your authority’s directory record',
          text: 'Your authority’s record in the directory has not been verified for 6 months. Confirm it is still right, or propose changes.\n\nOpen the record:\n{link}',
        },
        fr: {
          subject: 'Veuillez vérifier la fiche de votre autorité dans l’annuaire',
          text: 'La fiche de votre autorité n’a pas été vérifiée depuis 6 mois. Confirmez qu’elle est exacte ou proposez des modifications.\n\nOuvrir la fiche :\n{link}',
        },
        ar: {
          subject: 'يرجى التحقق من سجل سلطتكم في الدليل',
          text: 'لم يُتحقق من سجل سلطتكم في الدليل منذ 6 أشهر. أكدوا صحته أو اقترحوا تعديلات.\n\nافتح السجل:\n{link}',
        },
      },
    });
  }

  /** Every due, unclaimed reminder, by the clock: the sweep adds those Redis lacks. */
  async expected(): Promise<ExpectedJob<typeof VERIFY_REMINDER_QUEUE>[]> {
    const today = dateOf(this.clock.now());
    const horizon = addMonths(today, -VERIFY_EVERY_MONTHS);
    const rows = await this.dataSource
      .getRepository(Authority)
      .createQueryBuilder('a')
      .where('a.demo = false')
      .andWhere('COALESCE(a.last_verified, a.created_at::date) <= :horizon::date', { horizon })
      .orderBy('a.id')
      .limit(SWEEP_RECORDS)
      .getMany();
    if (rows.length === 0) return [];
    const claimed = await this.dataSource
      .getRepository(VerificationReminder)
      .createQueryBuilder('r')
      .where('r.authority_id = ANY(:ids)', { ids: rows.map((row) => row.id) })
      .getMany();
    const jobs: ExpectedJob<typeof VERIFY_REMINDER_QUEUE>[] = [];
    for (const authority of rows) {
      const cycle = dueCycle(verificationBase(authority), today);
      if (!cycle) continue;
      if (claimed.some((row) => row.authorityId === authority.id && row.cycleDue === cycle)) continue;
      const payload = { authorityId: authority.id, cycle };
      jobs.push({ id: verifyReminderJobId(payload), payload });
    }
    return jobs;
  }

  /** Runs a reminder: only if its cycle is still the record's due cycle, once (claimed with the notifications). */
  async remind(job: VerifyReminderJob): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const authority = await manager
        .getRepository(Authority)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: job.authorityId })
        .getOne();
      if (!authority || authority.demo) return false;
      // Verified since, or not yet due by this clock: nothing to say.
      if (dueCycle(verificationBase(authority), dateOf(this.clock.now())) !== job.cycle) return false;
      const focalPoints = (await this.people.byAuthority(authority.id, { status: 'active' }, manager)).filter(
        (person) => person.role === 'focal_point' || person.role === 'coordinator',
      );
      const claim = await manager
        .createQueryBuilder()
        .insert()
        .into(VerificationReminder)
        .values({ authorityId: authority.id, cycleDue: job.cycle, recipients: focalPoints.length })
        .orIgnore()
        .returning('authority_id')
        .execute();
      if ((claim.raw as unknown[]).length === 0) return false;
      await this.notifier.notify(manager, {
        kind: VERIFICATION_DUE,
        recipients: focalPoints.map((person) => person.id),
        actorId: null,
        link: `/directory/${authority.id}`,
      });
      return true;
    });
  }

  /** "Nothing changed": the record is verified today, audited. Its focal points, its central authority, or staff. */
  async verify(user: AuthUser, authorityId: string, context: AuditContext): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const authority = await manager
        .getRepository(Authority)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: authorityId })
        .getOne();
      if (!authority) throw new NotFoundException('No such authority');
      if (!isStaff(user) && !mayPropose(await proposableBy(user, this.people, manager), authority))
        throw new ForbiddenException("Only this authority's focal points or the secretariat verify its record");
      const today = dateOf(this.clock.now());
      const previous = authority.lastVerified;
      await manager.update(Authority, { id: authority.id }, { lastVerified: today });
      await this.audit.append(
        {
          ...context,
          action: 'authority.verified',
          targetType: 'authority',
          targetId: authority.id,
          details: { previous, verified: today },
        },
        manager,
      );
      return today;
    });
  }
}
