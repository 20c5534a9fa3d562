import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { CaughtMail } from './caught-mail.entity';

/**
 * A real SMTP listener for development and demos: it accepts every message on 127.0.0.1, parses it and
 * stores it in PostgreSQL, where admins read it in the web app. Never part of a production deployment.
 */
export class MailCatcher {
  private readonly server: SMTPServer;

  constructor(private readonly dataSource: DataSource) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      banner: 'Liaison mail catcher (development only)',
      size: 1024 * 1024,
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) =>
            this.dataSource.getRepository(CaughtMail).insert({
              messageId: parsed.messageId ?? null,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            }),
          )
          .then(
            () => callback(),
            (error: Error) => callback(error),
          );
      },
    });
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
