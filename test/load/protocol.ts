/** What the bench's coordinator and its generator processes say to each other (over the fork IPC channel). */

export interface MemberPlan {
  userId: string;
  /** A bearer token (the bare server ignores it). */
  token: string;
  /** Offline members are participants without a socket: readers the notices path must care about. */
  online: boolean;
}

export interface RoomPlan {
  threadId: string;
  members: MemberPlan[];
  /** Indexes into `members` of who sends in the busy-thread scenario; otherwise member 0 sends. */
  busySenders: number[];
}

export type Scenario = 'rooms' | 'busy';

export type ToGenerator =
  /**
   * `words`: each message's length in words, [min, max]. `urls`: the nodes; a thread's member i connects to
   * `urls[i % urls.length]`, so with several nodes a thread's sender and its readers are spread over them.
   */
  | { type: 'connect'; urls: string[]; rooms: RoomPlan[]; words: [number, number] }
  | {
      type: 'step';
      scenario: Scenario;
      /** Messages a second from this generator. */
      rate: number;
      /** Epoch ms of the first intended send; measurement starts `warmupMs` later. */
      startAt: number;
      warmupMs: number;
      measureMs: number;
    }
  | { type: 'finish' };

export interface StepReport {
  type: 'step';
  /** Sends whose intended time fell in the measurement window. */
  offered: number;
  /** Acknowledged (ok) during the measurement window. */
  ackedInWindow: number;
  /** Deliveries received during the measurement window. */
  receivedInWindow: number;
  /** Measured sends that finally failed (after retries), and retries of measured sends. */
  failed: number;
  retries: number;
  errorKinds: Record<string, number>;
  /** Deliveries expected of the measured, acknowledged sends (online members) but never received. */
  lost: number;
  /** HDR histograms (compressed base64), milliseconds from the intended send time. */
  delivery: string;
  ack: string;
  /** This process's CPU over the measurement window, % of one core, and its event-loop delay. */
  cpuPercent: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface SocketReport {
  threadId: string;
  /** The highest seq this socket received, and how many different seqs. */
  highest: number;
  distinct: number;
  /** Seqs received again, and seqs received after a higher one. */
  duplicates: number;
  outOfOrder: number;
}

export type FromGenerator =
  | { type: 'connected'; sockets: number; errors: number }
  | StepReport
  /** `dropped`: sockets the server disconnected during the run (each misses what was sent meanwhile). */
  | { type: 'finished'; sockets: SocketReport[]; dropped: number };
