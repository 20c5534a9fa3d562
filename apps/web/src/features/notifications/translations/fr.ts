import type { Strings } from '../../../i18n/en';
import type { en } from './en';

export const fr: Strings<typeof en> = {
  notifications: {
    title: 'Notifications',
    intro:
      'Ce qui s’est passé dans vos réseaux et sur votre compte. Une notification dit quoi et qui, jamais le contenu d’un message.',
    bellLabel: 'Notifications (non lues : {{count}})',
    arrived: 'Nouvelle notification : {{label}}',
    unreadMark: 'Non lue :',
    by: 'par {{name}}',
    none: 'Aucune notification pour l’instant.',
    noneUnread: 'Aucune notification non lue.',
    loadFailed: 'Vos notifications n’ont pas pu être chargées.',
    markAllRead: 'Tout marquer comme lu',
    markRead: 'Marquer comme lue',
    marked: 'Marquée comme lue : {{label}}.',
    allMarked: 'Toutes les notifications sont marquées comme lues.',
    all: 'Toutes les notifications',
    unreadOnly: 'Non lues seulement',
    shown: 'Affichées : {{count}}',
    unreadCount: 'Non lues : {{count}}',
    kinds: {
      memberAdded: 'Ajout à un réseau',
      roleChanged: 'Votre rôle a changé',
      invitation: 'Invitation à Liaison',
      passwordReset: 'Lien de réinitialisation du mot de passe',
      mention: 'Mention dans une conversation',
      newMessages: 'Nouveaux messages dans une conversation',
      invitationApproved: 'Votre invitation a été approuvée',
      invitationRefused: 'Votre invitation a été refusée',
      credentialsChanged: 'Votre mot de passe et votre authentificateur ont changé',
      ticketFiled: 'Nouveau ticket d’assistance',
      ticketAssigned: 'Un ticket d’assistance vous a été attribué',
      ticketStatusChanged: 'Un ticket d’assistance a changé de statut',
      ticketMessage: 'Nouveau message sur un ticket d’assistance',
      ticketInvited: 'Vous avez été invité à un ticket d’assistance',
      ticketSlaWarning: 'L’échéance d’un ticket d’assistance approche',
      unknown: 'Notification',
    },
  },
};
