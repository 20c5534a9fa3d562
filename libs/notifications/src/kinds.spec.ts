import { NotificationKinds, render } from './kinds';

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
});
