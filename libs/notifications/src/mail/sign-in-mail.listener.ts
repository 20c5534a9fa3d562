import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@liaison/platform';
import { NotificationKinds } from '../kinds/notification-kinds.registry';
import { Notifier } from '../delivery/notifier.service';

/** Sign-in warnings told to the account holder by e-mail; identity only announces them. */
@Injectable()
export class SignInNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly kinds: NotificationKinds,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.kinds.register({
      kind: 'account.password-known',
      inApp: false,
      email: 'always',
      template: {
        en: {
          subject: 'Someone seems to know your Liaison password',
          text: 'Someone who knows your Liaison password entered 20 wrong authenticator codes within an hour. Your second step is refused until the hour ends.\n\nIf it was not you, change your password as soon as you can and tell your administrator:\n{link}',
        },
        fr: {
          subject: 'Quelqu’un semble connaître votre mot de passe Liaison',
          text: 'Quelqu’un qui connaît votre mot de passe Liaison a saisi 20 codes d’authentification erronés en une heure. La seconde étape de connexion est refusée jusqu’à la fin de l’heure.\n\nSi ce n’était pas vous, changez votre mot de passe au plus vite et prévenez votre administrateur :\n{link}',
        },
        ar: {
          subject: 'يبدو أن شخصًا ما يعرف كلمة مرور Liaison الخاصة بك',
          text: 'أدخل شخص يعرف كلمة مرورك في Liaison عشرين رمز تحقق خاطئًا خلال ساعة. ستُرفض الخطوة الثانية لتسجيل الدخول حتى نهاية الساعة.\n\nإذا لم تكن أنت، فغيّر كلمة مرورك في أقرب وقت وأبلغ المسؤول:\n{link}',
        },
      },
    });
    this.events.on('identity.second-factor-capped', (event, manager) =>
      this.notifier.notify(manager, {
        kind: 'account.password-known',
        recipients: [event.userId],
        actorId: null,
        link: '/profile',
      }),
    );
  }
}
