import { Injectable } from '@nestjs/common';

export const MAIL_LANGUAGES = ['en', 'fr', 'ar'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/**
 * An e-mail's words, per language. Placeholders: {actor}, {network}, {reference} (a case's reference, e.g. a
 * helpdesk ticket's), {link} (absolute), {expires}. Never
 * room for message text or a subject: a notification carries the kind, the network, the actor and a link.
 */
export type MailTemplate = Record<MailLanguage, { subject: string; text: string }>;

export interface NotificationKind {
  /** dotted, e.g. `network.member-added`; the web app has a label for each */
  kind: string;
  /** Shown in the bell. False for mail to people who cannot sign in yet (invitations, resets). */
  inApp: boolean;
  /** `always`: every such event is e-mailed, whatever the preference (account links). */
  email: 'always' | 'on' | 'off';
  template: MailTemplate;
  /** Told when an e-mail of this kind has left (or failed to), e.g. so a one-time link's validity starts then. */
  onEmailOutcome?: (deliveryId: string, outcome: 'sent' | 'failed', at: Date) => Promise<void>;
  /**
   * A calendar part (text/calendar) for the e-mail, built when it leaves from the kind owner's own records
   * (e.g. a meeting invitation's .ics); null for none.
   */
  calendar?: (eventId: string, recipient: { userId: string | null; address: string }) => Promise<CalendarPart | null>;
}

/** An iCalendar object sent as the e-mail's text/calendar alternative, with its METHOD. */
export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

/**
 * The kinds of notification, contributed by each library at start-up (this one knows none of theirs), with
 * the e-mail each sends and whether users get it by e-mail unless they say otherwise.
 */
@Injectable()
export class NotificationKinds {
  private readonly kinds = new Map<string, NotificationKind>();

  register(kind: NotificationKind): void {
    if (this.kinds.has(kind.kind)) throw new Error(`notification kind ${kind.kind} is registered twice`);
    this.kinds.set(kind.kind, kind);
  }

  get(kind: string): NotificationKind {
    const found = this.kinds.get(kind);
    if (!found) throw new Error(`unknown notification kind ${kind}`);
    return found;
  }

  /** The kinds a user may choose for, in registration order. */
  optional(): NotificationKind[] {
    return [...this.kinds.values()].filter((kind) => kind.inApp && kind.email !== 'always');
  }
}

export function render(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * A value as it may stand in a plain-text part or a header: one line, no control, separator or
 * text-direction characters. Whatever a person typed cannot start a new header or forge a paragraph.
 */
export function plainValue(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/**
 * The HTML part of an e-mail: the template and every value escaped, `{link}` as an anchor to the escaped
 * address, paragraphs from blank lines. `dir` follows the language.
 */
export function renderHtml(text: string, values: Record<string, string>, direction: 'ltr' | 'rtl'): string {
  const paragraphs = text.split(/\n{2,}/).map((paragraph) =>
    paragraph
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name || values[name] === undefined) return escapeHtml(part);
        const value = escapeHtml(plainValue(values[name]));
        return name === 'link' ? `<a href="${value}">${value}</a>` : value;
      })
      .join('')
      .replace(/\n/g, '<br>'),
  );
  return `<!doctype html><html dir="${direction}"><body>${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('')}</body></html>`;
}
