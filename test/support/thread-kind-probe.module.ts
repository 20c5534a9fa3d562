import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { MessagingModule, ThreadKinds } from '@liaison/messaging';

/** A kind listed in the inbox, with messaging's generic notices: like a helpdesk ticket's public thread. */
export const PROBE_KIND = 'probe';
/** Out of the inbox, no generic notices (its owner sends its own): like a ticket's internal thread. */
export const QUIET_PROBE_KIND = 'probe-quiet';
export const PROBE_OWNER = 'test-probe';

const participant = 'EXISTS (SELECT 1 FROM thread_participants tp WHERE tp.thread_id = t.id AND tp.user_id = :me)';

/**
 * Registers two test-only thread kinds, as a library above messaging would. `probe`: its participants read
 * and write, and the secretariat reads without writing; its room is `probe:<id>`. `probe-quiet`: its
 * participants only, in the shared `thread:` rooms.
 */
@Injectable()
class ProbeThreadKinds implements OnModuleInit {
  constructor(private readonly kinds: ThreadKinds) {}

  onModuleInit(): void {
    this.kinds.register({
      kind: PROBE_KIND,
      read: `(${participant} OR EXISTS (SELECT 1 FROM users ru WHERE ru.id = :me AND ru.role = 'secretariat'))`,
      write: participant,
      room: { prefix: 'probe:' },
      inbox: true,
      genericNotices: true,
      participants: true,
      owner: PROBE_OWNER,
    });
    this.kinds.register({
      kind: QUIET_PROBE_KIND,
      read: participant,
      inbox: false,
      genericNotices: false,
      participants: true,
      owner: PROBE_OWNER,
    });
  }
}

@Module({ imports: [MessagingModule], providers: [ProbeThreadKinds] })
export class ThreadKindProbeModule {}
