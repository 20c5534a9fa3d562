import type { Strings } from '../../../i18n/en';
import type { en } from './en';

export const fr: Strings<typeof en> = {
  coordination: {
    title: 'Coordination',
    intro: 'Gérez les membres des réseaux que vous coordonnez.',
    noNetworks: 'Vous ne coordonnez aucun réseau.',
    members: 'Membres',
    invite: 'Inviter un point de contact',
    inviteIntro:
      'Invitez dans ce réseau un point de contact d’un État membre. Le secrétariat approuve l’invitation, puis elle est envoyée par e-mail à la personne ; le lien n’est jamais affiché ici.',
    email: 'Adresse électronique',
    authority: 'Autorité',
    chooseAuthority: 'Choisissez une autorité',
    submit: 'Demander l’invitation',
    awaitingApproval: 'L’invitation de {{email}} attend l’approbation du secrétariat.',
    invitations: 'Vos invitations',
    invitationsIntro:
      'Où en est chaque invitation que vous avez faite. Les invitations approuvées sont envoyées par e-mail ; vous pouvez envoyer un nouveau lien, qui remplace le précédent.',
  },
};
