/**
 * The machine's realtime limit: a bare socket.io server (no authentication, no database, no Redis) that
 * speaks the few events the generator uses. A send gets the thread's next seq in memory, is broadcast to
 * the thread's room and acknowledged, so the same generator measures it exactly as it measures Liaison.
 * Forked by messaging.bench.ts; the port comes in argv, and it says `ready` over IPC.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const seqs = new Map<string, number>();
const stored = new Map<string, unknown>();
const http = createServer();
const server = new Server(http, { path: '/socket.io', transports: ['websocket'] });

server.on('connection', (socket) => {
  socket.on('thread.sync', (body: { threads?: { threadId: string }[] }, ack: (result: unknown) => void) => {
    const threads = body?.threads ?? [];
    void socket.join(threads.map((thread) => thread.threadId));
    ack({ ok: true, results: threads.map((thread) => ({ ok: true, threadId: thread.threadId, messages: [] })) });
  });
  socket.on(
    'message.send',
    (input: { threadId: string; clientId: string; body: string }, ack: (result: unknown) => void) => {
      // Idempotent by client id, like Liaison: a retry returns what was stored and burns no seq.
      const again = stored.get(input.clientId);
      if (again) return ack({ ok: true, message: again });
      const seq = (seqs.get(input.threadId) ?? 0) + 1;
      seqs.set(input.threadId, seq);
      const message = {
        id: randomUUID(),
        threadId: input.threadId,
        seq,
        clientId: input.clientId,
        author: { id: 'bare', displayName: 'bare' },
        body: input.body,
        createdAt: new Date().toISOString(),
      };
      stored.set(input.clientId, message);
      server.to(input.threadId).emit('message.created', message);
      ack({ ok: true, message });
    },
  );
});

process.on('message', (command: { type: string }) => {
  if (command.type === 'seqs') process.send?.({ type: 'seqs', seqs: Object.fromEntries(seqs) });
});
http.listen(port, '127.0.0.1', () => process.send?.({ type: 'ready' }));
