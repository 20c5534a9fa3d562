/**
 * One load-generator process of the messaging bench (forked by messaging.bench.ts). It holds whole rooms —
 * every online member's socket and the senders — so that a message's send and its deliveries are timed by
 * one clock. Sends follow a fixed schedule whatever the server does (an open loop): each send's latency
 * runs from the moment it was due, so a stalled server or a stalled generator shows in the figures instead
 * of hiding behind sends that were never made (coordinated omission). Failed sends are retried with the
 * same client id, as the web app's sync module does, and count from their first due time; a send that
 * finally fails is recorded at the moment it gave up, once per delivery it will never make.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { build, encodeIntoCompressedBase64, Histogram } from 'hdr-histogram-js';
import { io, Socket } from 'socket.io-client';
import type { FromGenerator, RoomPlan, SocketReport, StepReport, ToGenerator } from './protocol';
import { messageText } from './texts';

const ACK_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 5;
const MENTION_SHARE = 0.1;
/** The event-loop monitor's sampling interval: what it records includes it, so it is taken off. */
const LOOP_RESOLUTION_MS = 5;

interface Sending {
  due: number;
  measured: boolean;
  attempts: number;
  expected: number;
  received: number;
  done: boolean;
  /** Acknowledged as stored: its deliveries are owed. */
  ok: boolean;
}

interface Member {
  socket?: Socket;
  userId: string;
  /** Per socket: what it received of its thread, and one flag per seq (grown as needed). */
  seen: SocketReport;
  flags: Uint8Array;
}

const send = (message: FromGenerator) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();
const histogram = (): Histogram =>
  build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, numberOfSignificantValueDigits: 3 });

let rooms: { plan: RoomPlan; members: Member[] }[] = [];
let dropped = 0;
let words: [number, number] = [30, 60];
let finishing = false;
const sendings = new Map<string, Sending>();
let current: {
  delivery: Histogram;
  ack: Histogram;
  from: number;
  to: number;
  offered: number;
  ackedInWindow: number;
  receivedInWindow: number;
  failed: number;
  retries: number;
  errorKinds: Map<string, number>;
} = fresh(0, 0);

function fresh(from: number, to: number): typeof current {
  return {
    delivery: histogram(),
    ack: histogram(),
    from,
    to,
    offered: 0,
    ackedInWindow: 0,
    receivedInWindow: 0,
    failed: 0,
    retries: 0,
    errorKinds: new Map(),
  };
}

const inWindow = (at: number) => at >= current.from && at < current.to;

async function connect(urls: string[], plans: RoomPlan[], length: [number, number]): Promise<void> {
  let errors = 0;
  words = length;
  dropped = 0;
  finishing = false;
  rooms = plans.map((plan) => ({
    plan,
    members: plan.members.map((member) => ({
      userId: member.userId,
      seen: { threadId: plan.threadId, highest: 0, distinct: 0, duplicates: 0, outOfOrder: 0 },
      flags: new Uint8Array(1024),
    })),
  }));
  const all = rooms.flatMap((room) => room.members.map((member, index) => ({ room, member, index })));
  for (let start = 0; start < all.length; start += 50) {
    await Promise.all(
      all.slice(start, start + 50).map(async ({ room, member, index }) => {
        const plan = room.plan.members[index];
        if (!plan.online) return;
        const socket = io(urls[index % urls.length], {
          path: '/socket.io',
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          auth: { token: plan.token },
        });
        const ok = await new Promise<boolean>((resolve) => {
          socket.once('connect', () => resolve(true));
          socket.once('connect_error', () => resolve(false));
        });
        if (!ok) {
          socket.close();
          errors += 1;
          return;
        }
        socket.on('disconnect', () => {
          if (!finishing) dropped += 1;
        });
        socket.on('message.created', (message: { clientId: string; seq: number }) => {
          const at = now();
          const seen = member.seen;
          if (message.seq >= member.flags.length) {
            const grown = new Uint8Array(Math.max(member.flags.length * 2, message.seq + 1));
            grown.set(member.flags);
            member.flags = grown;
          }
          if (member.flags[message.seq]) seen.duplicates += 1;
          else {
            member.flags[message.seq] = 1;
            seen.distinct += 1;
            if (message.seq < seen.highest) seen.outOfOrder += 1;
            seen.highest = Math.max(seen.highest, message.seq);
          }
          if (inWindow(at)) current.receivedInWindow += 1;
          const sending = sendings.get(message.clientId);
          if (!sending) return;
          sending.received += 1;
          if (sending.measured) current.delivery.recordValue(Math.max(1, Math.round(at - sending.due)));
        });
        const synced = (await socket
          .timeout(30_000)
          .emitWithAck('thread.sync', { threads: [{ threadId: room.plan.threadId, lastSeq: 0 }] })
          .catch(() => ({ results: [{ ok: false }] }))) as { results: { ok: boolean }[] };
        if (!synced.results[0]?.ok) errors += 1;
        member.socket = socket;
      }),
    );
  }
  send({ type: 'connected', sockets: all.filter(({ member }) => member.socket).length, errors });
}

function attempt(clientId: string, sending: Sending, body: Record<string, unknown>, socket: Socket): void {
  sending.attempts += 1;
  const fail = (kind: string, retryAfterMs?: number) => {
    const at = now();
    if (sending.measured) current.errorKinds.set(kind, (current.errorKinds.get(kind) ?? 0) + 1);
    const retryable = kind === 'timeout' || kind === '503' || kind === '429';
    if (retryable && sending.attempts < MAX_ATTEMPTS) {
      if (sending.measured) current.retries += 1;
      setTimeout(() => attempt(clientId, sending, body, socket), retryAfterMs ?? 1000);
      return;
    }
    sending.done = true;
    if (!sending.measured) return;
    current.failed += 1;
    const late = Math.max(1, Math.round(at - sending.due));
    current.ack.recordValue(late);
    // Every delivery it will never make counts as late as the moment it was given up.
    for (let missing = sending.received; missing < sending.expected; missing += 1) current.delivery.recordValue(late);
  };
  (
    socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message.send', body) as Promise<
      { ok: true } | { ok: false; problem: { status: number; retryAfterMs?: number } }
    >
  ).then(
    (ack) => {
      if (!ack.ok) return fail(String(ack.problem.status), ack.problem.retryAfterMs);
      const at = now();
      sending.done = true;
      sending.ok = true;
      if (inWindow(at)) current.ackedInWindow += 1;
      if (sending.measured) current.ack.recordValue(Math.max(1, Math.round(at - sending.due)));
    },
    () => fail('timeout'),
  );
}

async function step(command: Extract<ToGenerator, { type: 'step' }>): Promise<void> {
  const measureFrom = command.startAt + command.warmupMs;
  const end = measureFrom + command.measureMs;
  current = fresh(measureFrom, end);
  sendings.clear();
  // Who sends: member 0 of every room, or the busy room's several senders.
  const senders: { room: (typeof rooms)[number]; sender: Member }[] = [];
  for (const room of rooms) {
    const indexes = command.scenario === 'busy' ? room.plan.busySenders : [0];
    for (const index of indexes) if (room.members[index]?.socket) senders.push({ room, sender: room.members[index] });
  }
  const interval = command.rate > 0 && senders.length > 0 ? 1000 / command.rate : Infinity;
  // When the k-th send is due (never, for a generator with nothing to send in this scenario).
  const dueOf = (k: number) => (interval === Infinity ? Infinity : command.startAt + k * interval);
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  let cpuFrom: NodeJS.CpuUsage | undefined;
  let cpu = 0;
  let k = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const at = now();
      if (!cpuFrom && at >= measureFrom) {
        cpuFrom = process.cpuUsage();
        loop.enable();
      }
      for (let due = dueOf(k); due <= at && due < end; due = dueOf(k)) {
        const { room, sender } = senders[k % senders.length];
        k += 1;
        const clientId = randomUUID();
        const online = room.members.filter((member) => member.socket).length;
        const sending: Sending = {
          due,
          measured: due >= measureFrom,
          attempts: 0,
          expected: online,
          received: 0,
          done: false,
          ok: false,
        };
        if (sending.measured) current.offered += 1;
        sendings.set(clientId, sending);
        const others = room.members.filter((member) => member !== sender);
        const mentions =
          Math.random() < MENTION_SHARE && others.length > 0
            ? [others[Math.floor(Math.random() * others.length)].userId]
            : undefined;
        attempt(
          clientId,
          sending,
          { threadId: room.plan.threadId, clientId, body: messageText(...words), ...(mentions ? { mentions } : {}) },
          sender.socket as Socket,
        );
      }
      if (at >= end) {
        loop.disable();
        const used = process.cpuUsage(cpuFrom);
        cpu = (100 * (used.user + used.system)) / 1000 / command.measureMs;
        resolve();
        return;
      }
      // Wake at the window's start too, so the CPU and loop figures cover exactly the window.
      const next = Math.min(dueOf(k), cpuFrom ? end : measureFrom, end);
      setTimeout(tick, Math.max(0, next - now()));
    };
    setTimeout(tick, Math.max(0, command.startAt - now()));
  });
  // Drain: every send answered (or given up), every delivery in, or a bound on the wait.
  const settled = () => [...sendings.values()].every((s) => s.done && (!s.ok || s.received >= s.expected));
  for (let waited = 0; !settled() && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  let lost = 0;
  for (const sending of sendings.values())
    if (sending.measured && sending.ok && sending.received < sending.expected)
      lost += sending.expected - sending.received;
  const report: StepReport = {
    type: 'step',
    offered: current.offered,
    ackedInWindow: current.ackedInWindow,
    receivedInWindow: current.receivedInWindow,
    failed: current.failed,
    retries: current.retries,
    errorKinds: Object.fromEntries(current.errorKinds),
    lost,
    delivery: encodeIntoCompressedBase64(current.delivery),
    ack: encodeIntoCompressedBase64(current.ack),
    cpuPercent: Math.round(cpu),
    loopDelayP99Ms: +Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS).toFixed(1),
    loopDelayMaxMs: +Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS).toFixed(1),
  };
  send(report);
}

process.on('message', (command: ToGenerator) => {
  if (command.type === 'connect') void connect(command.urls, command.rooms, command.words);
  else if (command.type === 'step') void step(command);
  else {
    finishing = true;
    const sockets = rooms.flatMap((room) => room.members.filter((member) => member.socket).map((m) => m.seen));
    for (const room of rooms) for (const member of room.members) member.socket?.close();
    send({ type: 'finished', sockets, dropped });
  }
});
