import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccountLinksService } from '@liaison/identity';
import { DomainEvents } from '@liaison/platform';
import { NotificationKinds } from '../kinds/notification-kinds.registry';
import { Notifier } from '../delivery/notifier.service';

/**
 * Identity's announcements, told to people: invitation and password-reset links by e-mail only (the link
 * sealed in the delivery row, never in Redis; the link's validity starts when the e-mail leaves), the
 * notice that a reset changed the password and authenticator, the secretariat's decision on a
 * coordinator's invitation, and a changed role in the bell. Identity knows nothing of this.
 */
@Injectable()
export class IdentityNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly kinds: NotificationKinds,
    private readonly notifier: Notifier,
    private readonly links: AccountLinksService,
  ) {}

  onModuleInit(): void {
    const onEmailOutcome = (deliveryId: string, outcome: 'sent' | 'failed', at: Date) =>
      this.links.deliveryOutcome(deliveryId, outcome, at);
    this.kinds.register({
      kind: 'account.invitation',
      onEmailOutcome,
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
      onEmailOutcome,
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

    this.kinds.register({
      kind: 'account.credentials-changed',
      inApp: false,
      email: 'always',
      template: {
        en: {
          subject: 'Your Liaison password and authenticator were changed',
          text: 'The password and the authenticator (TOTP) of your Liaison account were just changed with a reset link, and every session was ended.\n\nIf you did this, there is nothing more to do. If you did not, tell your administrator at once: someone else may hold your account.\n{link}',
        },
        fr: {
          subject: 'Le mot de passe et l’authentificateur de votre compte Liaison ont changé',
          text: "Le mot de passe et l'authentificateur (TOTP) de votre compte Liaison viennent d'être changés par un lien de réinitialisation, et toutes les sessions ont été fermées.\n\nSi c'est vous, il n'y a rien d'autre à faire. Sinon, prévenez immédiatement votre administrateur : quelqu'un d'autre détient peut-être votre compte.\n{link}",
        },
        ar: {
          subject: 'تم تغيير كلمة مرور حسابك في Liaison وأداة المصادقة',
          text: 'تم للتو تغيير كلمة مرور حسابك في Liaison وأداة المصادقة (TOTP) عبر رابط إعادة التعيين، وأُنهيت كل الجلسات.\n\nإذا كنت أنت من فعل ذلك فلا شيء آخر عليك. وإن لم تكن أنت فأبلغ المسؤول فوراً: ربما يحوز شخص آخر حسابك.\n{link}',
        },
      },
    });
    this.kinds.register({
      kind: 'account.invitation-approved',
      inApp: true,
      email: 'on',
      template: {
        en: {
          subject: 'Your invitation to Liaison was approved',
          text: '{actor} approved an invitation you made; it has been sent by e-mail.\n\nSee your invitations:\n{link}',
        },
        fr: {
          subject: 'Votre invitation à Liaison a été approuvée',
          text: '{actor} a approuvé une invitation que vous avez faite ; elle a été envoyée par e-mail.\n\nVoir vos invitations :\n{link}',
        },
        ar: {
          subject: 'تمت الموافقة على دعوتك إلى Liaison',
          text: 'وافق {actor} على دعوة أرسلتها، وقد أُرسلت بالبريد الإلكتروني.\n\nاطّلع على دعواتك:\n{link}',
        },
      },
    });
    this.kinds.register({
      kind: 'account.invitation-refused',
      inApp: true,
      email: 'on',
      template: {
        en: {
          subject: 'Your invitation to Liaison was refused',
          text: '{actor} refused an invitation you made; nothing was sent.\n\nSee your invitations:\n{link}',
        },
        fr: {
          subject: 'Votre invitation à Liaison a été refusée',
          text: "{actor} a refusé une invitation que vous avez faite ; rien n'a été envoyé.\n\nVoir vos invitations :\n{link}",
        },
        ar: {
          subject: 'رُفضت دعوتك إلى Liaison',
          text: 'رفض {actor} دعوة أرسلتها، ولم يُرسل شيء.\n\nاطّلع على دعواتك:\n{link}',
        },
      },
    });

    this.events.on('identity.account-link-released', (event, manager) =>
      this.notifier.notifyAddress(manager, {
        kind: event.kind === 'invitation' ? 'account.invitation' : 'account.password-reset',
        address: event.email,
        actorId: event.createdBy,
        secretLink: event.url,
        deliveryId: event.deliveryId,
      }),
    );
    this.events.on('identity.credentials-reset', (event, manager) =>
      this.notifier.notify(manager, {
        kind: 'account.credentials-changed',
        recipients: [event.userId],
        link: '/profile',
      }),
    );
    this.events.on('identity.invitation-decided', (event, manager) =>
      this.notifier.notify(manager, {
        kind: event.approved ? 'account.invitation-approved' : 'account.invitation-refused',
        recipients: [event.createdBy],
        actorId: event.decidedBy,
        link: '/coordination',
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
