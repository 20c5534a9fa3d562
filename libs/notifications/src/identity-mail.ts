import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@liaison/platform';
import { NotificationKinds } from './kinds';
import { Notifier } from './notifier';

/**
 * Identity's announcements, told to people: invitation and password-reset links by e-mail (the link sealed
 * in the delivery row, never in Redis), and a changed role in the bell. Identity knows nothing of this.
 */
@Injectable()
export class IdentityNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly kinds: NotificationKinds,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.kinds.register({
      kind: 'account.invitation',
      inApp: false,
      email: 'always',
      template: {
        en: {
          subject: 'You are invited to Liaison',
          text: '{actor} invites you to Liaison, the secure network of central and competent authorities for international cooperation in criminal matters.\n\nAccept the invitation and set up your account (the link works once and expires):\n{link}\n\nIf you did not expect this, ignore this e-mail.',
        },
        fr: {
          subject: 'Invitation à Liaison',
          text: "{actor} vous invite sur Liaison, le réseau sécurisé des autorités centrales et compétentes pour la coopération internationale en matière pénale.\n\nAcceptez l'invitation et créez votre compte (le lien ne sert qu'une fois et expire) :\n{link}\n\nSi vous n'attendiez pas ce message, ignorez-le.",
        },
        ar: {
          subject: 'دعوة للانضمام إلى Liaison',
          text: 'يدعوك {actor} إلى Liaison، الشبكة الآمنة للسلطات المركزية والمختصة في مجال التعاون الدولي في المسائل الجنائية.\n\nاقبل الدعوة وأنشئ حسابك (الرابط صالح لمرة واحدة وتنتهي صلاحيته):\n{link}\n\nإذا لم تكن تتوقع هذه الرسالة فتجاهلها.',
        },
      },
    });
    this.kinds.register({
      kind: 'account.password-reset',
      inApp: false,
      email: 'always',
      template: {
        en: {
          subject: 'Reset your Liaison password',
          text: 'A password reset was requested for your Liaison account by {actor}.\n\nChoose a new password (the link works once and expires):\n{link}\n\nIf you did not expect this, tell your administrator.',
        },
        fr: {
          subject: 'Réinitialisation de votre mot de passe Liaison',
          text: "{actor} a demandé la réinitialisation du mot de passe de votre compte Liaison.\n\nChoisissez un nouveau mot de passe (le lien ne sert qu'une fois et expire) :\n{link}\n\nSi vous n'attendiez pas ce message, prévenez votre administrateur.",
        },
        ar: {
          subject: 'إعادة تعيين كلمة مرور Liaison',
          text: 'طلب {actor} إعادة تعيين كلمة مرور حسابك في Liaison.\n\nاختر كلمة مرور جديدة (الرابط صالح لمرة واحدة وتنتهي صلاحيته):\n{link}\n\nإذا لم تكن تتوقع هذه الرسالة فأبلغ المسؤول.',
        },
      },
    });
    this.kinds.register({
      kind: 'account.role-changed',
      inApp: true,
      email: 'on',
      template: {
        en: {
          subject: 'Your role in Liaison has changed',
          text: '{actor} changed your role in Liaison.\n\nSee your account:\n{link}',
        },
        fr: {
          subject: 'Votre rôle dans Liaison a changé',
          text: '{actor} a modifié votre rôle dans Liaison.\n\nVoir votre compte :\n{link}',
        },
        ar: { subject: 'تغيّر دورك في Liaison', text: 'غيّر {actor} دورك في Liaison.\n\nاطّلع على حسابك:\n{link}' },
      },
    });

    this.events.on('identity.account-link-created', (event, manager) =>
      this.notifier.notifyAddress(manager, {
        kind: event.kind === 'invitation' ? 'account.invitation' : 'account.password-reset',
        address: event.email,
        actorId: event.createdBy,
        secretLink: event.url,
      }),
    );
    this.events.on('identity.role-changed', (event, manager) =>
      this.notifier.notify(manager, {
        kind: 'account.role-changed',
        recipients: [event.userId],
        actorId: event.changedBy,
        link: '/profile',
      }),
    );
  }
}
