import { ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { queueEnv, withWorkers } from './queues';
import { RunningApp, startApp } from './test-app';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server inside the test, which parses every message it receives with a real mail parser. It
 * can be stopped and started again on the same port, to play an SMTP relay that goes away.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Messages whose data started arriving (before any delay). */
  dataStarted = 0;
  /** Holds each message this long before accepting it, to catch a sender in the middle of a send. */
  acceptDelayMs = 0;
  private server?: SMTPServer;

  constructor(public port = 0) {}

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        this.dataStarted += 1;
        simpleParser(stream).then(
          async (parsed) => {
            if (this.acceptDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.acceptDelayMs));
            this.received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }
}

const ONE_TIME_LINK = /https?:\/\/[^\s/]+\/(invitation|reset)#token=([A-Za-z0-9_-]{43})/;

export interface MailedLink {
  kind: 'invitation' | 'reset';
  url: string;
  token: string;
  mail: ReceivedMail;
}

/**
 * The one-time link that reached `address` by e-mail, as its addressee would click it: the only way a
 * test (or a person) gets one. `nth` counts the links mailed to that address, from 1; it waits for it.
 */
export async function mailedLink(
  smtp: Pick<TestSmtpServer, 'to'>,
  address: string,
  options: { nth?: number; ms?: number } = {},
): Promise<MailedLink> {
  const nth = options.nth ?? 1;
  const deadline = Date.now() + (options.ms ?? 15_000);
  for (;;) {
    const links = smtp
      .to(address)
      .map((mail) => ({ mail, found: ONE_TIME_LINK.exec(mail.parsed.text ?? '') }))
      .filter((entry) => entry.found);
    const entry = links[nth - 1];
    if (entry?.found) {
      const [url, kind, token] = entry.found;
      return { kind: kind as MailedLink['kind'], url, token, mail: entry.mail };
    }
    if (Date.now() > deadline) throw new Error(`no link number ${nth} mailed to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The API with its queue workers, mailing to a test SMTP server of its own (for suites that follow links). */
export async function startAppWithMail(
  options: { env?: Record<string, string>; port?: number } = {},
): Promise<{ api: RunningApp; smtp: TestSmtpServer; close(): Promise<void> }> {
  const smtp = await new TestSmtpServer().start();
  const api = await withWorkers(await startApp({ env: queueEnv(smtp.port, options.env), port: options.port }));
  return {
    api,
    smtp,
    close: async () => {
      await api.close();
      await smtp.stop();
    },
  };
}
