import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '@liaison/platform';
import type { CalendarPart } from '../kinds/notification-kinds.registry';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The same words, every value escaped for HTML. */
  html?: string;
  messageId: string;
  /** Sent as a text/calendar alternative part, which calendar clients offer to add. */
  calendar?: CalendarPart;
}

/**
 * E-mail over SMTP with nodemailer: the relay from configuration, or outside production with none
 * configured, the local mail catcher. In production a relay without TLS on connect must offer STARTTLS.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  private transporter(): Transporter {
    if (!this.transport) {
      const { config } = this;
      this.transport = createTransport({
        host: config.mailCatcher ? '127.0.0.1' : config.SMTP_HOST,
        port: config.mailCatcher ? config.MAIL_CATCHER_PORT : config.SMTP_PORT,
        secure: config.SMTP_SECURE,
        requireTLS: config.isProduction && !config.SMTP_SECURE,
        auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    }
    return this.transport;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter().sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      icalEvent: mail.calendar ? { method: mail.calendar.method, content: mail.calendar.content } : undefined,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
