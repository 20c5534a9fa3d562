import type { Translation } from './en';

import { fr as homeFR } from '../features/home/translations/fr';
import { fr as accountFR } from '../features/account/translations/fr';
import { fr as directoryFR } from '../features/directory/translations/fr';
import { fr as adminFR } from '../features/admin/translations/fr';
import { fr as coordinationFR } from '../features/coordination/translations/fr';
import { fr as notificationsFR } from '../features/notifications/translations/fr';
import { fr as messagingFR } from '../features/messaging/translations/fr';
import { fr as statisticsFR } from '../features/statistics/translations/fr';
import { fr as meetingsFR } from '../features/meetings/translations/fr';
import { fr as helpdeskFR } from '../features/helpdesk/translations/fr';

export const fr: Translation = {
  app: {
    name: 'Liaison',
    tagline:
      'Réseau sécurisé des points de contact des autorités centrales chargées des demandes d’extradition, d’entraide judiciaire et de confiscation entre États.',
    skipToContent: 'Aller au contenu principal',
    homeLink: '(page d’accueil)',
    networksIntro: 'Réseaux régionaux de coopération judiciaire :',
    networkIoc: 'Plateforme judiciaire de la Commission de l’océan Indien',
    networkSahel: 'Plateforme judiciaire du Sahel',
    documentTitle: '{{title}} – Liaison',
  },

  nav: {
    main: 'Principal',
    menu: 'Menu',
    home: 'Accueil',
    myNetworks: 'Mes réseaux',
    directory: 'Annuaire',
    messages: 'Messages',
    unreadMessages: 'non lus : {{count}}',
    profile: 'Profil',
    admin: 'Administration',
    coordination: 'Coordination',
    statistics: 'Statistiques',
    meetings: 'Réunions',
    helpdesk: 'Assistance',
    language: 'Langue',
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
    signingOut: 'Déconnexion…',
    signedInAs: 'Connecté en tant que {{name}} ({{role}})',
  },

  connection: {
    label: 'Mises à jour en direct :',
    online: 'En ligne',
    connecting: 'Connexion…',
    reconnecting: 'Reconnexion…',
    offline: 'Hors ligne',
  },

  roles: {
    admin: 'Administrateur',
    secretariat: 'Secrétariat',
    coordinator: 'Coordonnateur',
    focal_point: 'Point de contact',
  },

  userStatus: {
    active: 'Actif',
    suspended: 'Suspendu',
  },

  categories: {
    extradition: 'Extradition',
    mla: 'Entraide judiciaire',
    sentenced_persons: 'Transfèrement des personnes condamnées',
    sea_traffic: 'Trafic illicite par mer',
    sea_migrants: 'Trafic illicite de migrants par mer',
    firearms: 'Armes à feu',
  },

  channels: {
    diplomatic: 'Voie diplomatique',
    direct: 'Contact judiciaire direct',
    interpol: 'INTERPOL',
    email: 'Courriel',
    platform: 'Plateforme sécurisée',
  },

  common: {
    loading: 'Chargement…',
    working: 'Veuillez patienter…',
    retry: 'Réessayer',
    save: 'Enregistrer',
    cancel: 'Annuler',
    edit: 'Modifier',
    remove: 'Retirer',
    add: 'Ajouter',
    yes: 'Oui',
    no: 'Non',
    none: 'Aucun',
    notProvided: 'Non renseigné',
    demo: 'Données de démonstration',
    copy: 'Copier',
    copied: 'Copié dans le presse-papiers.',
    copyFailed: 'Copie impossible. Sélectionnez le texte et copiez-le à la main.',
    loadMore: 'Afficher la suite',
    fixErrors: 'Certaines réponses sont à revoir. Vérifiez les champs signalés ci-dessous.',
    shownOnce: 'Copiez-le maintenant : il ne sera plus affiché.',
    validUntil: 'Valable jusqu’au {{date}}',
    saved: 'Enregistré.',
    field: '{{field}} : {{message}}',
  },

  errors: {
    network: 'La plateforme est injoignable. Vérifiez votre connexion et réessayez.',
    unexpected: 'Une erreur s’est produite. Veuillez réessayer.',
    forbidden: 'Vous n’êtes pas autorisé à effectuer cette action.',
    notFoundTitle: 'Page introuvable',
    notFoundText: 'Il n’y a pas de page à cette adresse, ou elle a été supprimée.',
    backHome: 'Retour à l’accueil',
    signInTitle: 'Connectez-vous pour continuer',
    signInText: 'Cette page est réservée aux membres connectés du réseau.',
  },

  ...homeFR,
  ...accountFR,
  ...directoryFR,
  ...adminFR,
  ...coordinationFR,
  ...notificationsFR,
  ...messagingFR,
  ...statisticsFR,
  ...meetingsFR,
  ...helpdeskFR,
};
