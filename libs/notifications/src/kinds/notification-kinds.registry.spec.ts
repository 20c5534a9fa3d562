import { NotificationKinds, plainValue, render, renderHtml } from './notification-kinds.registry';

const template = { en: { subject: 's', text: 't' }, fr: { subject: 's', text: 't' }, ar: { subject: 's', text: 't' } };

describe('notification kinds', () => {
  it('fills the known placeholders and leaves unknown ones visible', () => {
    expect(
      render('{actor} added you to {network}: {link} {other}', { actor: 'A', network: 'IOC', link: 'https://x/p' }),
    ).toBe('A added you to IOC: https://x/p {other}');
  });

  it('offers a choice only for kinds shown in the bell that are not always e-mailed', () => {
    const kinds = new NotificationKinds();
    kinds.register({ kind: 'account.invitation', inApp: false, email: 'always', template });
    kinds.register({ kind: 'network.member-added', inApp: true, email: 'on', template });
    kinds.register({ kind: 'account.role-changed', inApp: true, email: 'off', template });
    expect(kinds.optional().map((kind) => kind.kind)).toEqual(['network.member-added', 'account.role-changed']);
    expect(() => kinds.register({ kind: 'network.member-added', inApp: true, email: 'on', template })).toThrow(/twice/);
    expect(() => kinds.get('thread.subject')).toThrow(/unknown notification kind/);
  });

  it('escapes every value in the HTML part and keeps markup typed into a name as text', () => {
    const html = renderHtml(
      '{actor} invites you & yours.\n\nOpen:\n{link}',
      { actor: '<img src=x onerror=alert(1)> "Bob"', link: 'https://liaison.example/invitation#token=a"b<c' },
      'ltr',
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Bob&quot; invites you &amp; yours.');
    expect(html).toContain(
      '<a href="https://liaison.example/invitation#token=a&quot;b&lt;c">https://liaison.example/invitation#token=a&quot;b&lt;c</a>',
    );
    expect(html).not.toContain('<img');
    expect(renderHtml('{actor}', { actor: 'x' }, 'rtl')).toContain('dir="rtl"');
  });

  it('keeps values on one line in the plain-text part and headers', () => {
    expect(plainValue('Amina\r\nBcc: victim@example.org')).toBe('Amina Bcc: victim@example.org');
    expect(plainValue('Amina\u2028\u202Eevil\u0007')).toBe('Amina evil');
    expect(plainValue('می\u200Cخواهم')).toBe('می\u200Cخواهم');
  });
});
