import type { Strings } from '../../../i18n/en';
import type { en } from './en';

export const fr: Strings<typeof en> = {
  home: {
    title: 'Accueil',
    heroTitle: 'Un réseau sécurisé pour la coopération judiciaire',
    checkingSession: 'Vérification de votre connexion…',
    accountHeading: 'Votre compte',
    signIn: 'Se connecter',
    signInPrompt: 'Vous avez déjà un compte ?',
    notice: 'En construction',
    introHeading: 'Ce qui arrive',
    introText:
      'Liaison offrira aux points de contact des réseaux régionaux de coopération judiciaire un espace unique et sécurisé pour traiter ensemble les demandes de coopération internationale en matière pénale.',
    features: {
      threads: {
        title: 'Échanges sécurisés entre points de contact',
        text: 'Échangez messages et documents sur une affaire avec vos homologues des autres États.',
      },
      helpdesk: {
        title: 'Assistance pour les demandes bloquées',
        text: 'Signalez une demande d’extradition, d’entraide judiciaire ou de confiscation en souffrance et obtenez de l’aide pour la faire avancer.',
      },
      meetings: {
        title: 'Réunions',
        text: 'Préparez et tenez les réunions du réseau et les consultations bilatérales sur les affaires.',
      },
      directory: {
        title: 'Annuaire des autorités compétentes',
        text: 'Trouvez l’autorité compétente et le point de contact à joindre dans chaque État.',
      },
    },
    myNetworks: 'Mes réseaux',
    noNetworks: 'Vous n’êtes encore membre d’aucun réseau. Le secrétariat ou un coordonnateur ajoute les membres.',
    memberStates: 'États membres',
    coordinators: 'Coordonnateurs',
    memberCount: 'Membres : {{count}}',
    browseNetwork: 'Autorités de {{name}}',
    searchHeading: 'Trouver une autorité',
    searchLabel: 'Autorité ou État',
    searchButton: 'Rechercher dans l’annuaire',
  },
  status: {
    heading: 'État de la plateforme',
    checkAgain: 'Vérifier à nouveau',
    components: 'Composants',
    database: 'Base de données',
    redis: 'Cache et messagerie (Redis)',
    up: 'En service',
    down: 'Hors service',
    unknown: 'Inconnu',
    loading: 'Vérification…',
    ok: 'Opérationnelle',
    error: 'Dégradée',
    unreachable: 'Injoignable',
    summaryLoading: 'Connexion à la plateforme.',
    summaryOk: 'Tous les composants répondent.',
    summaryError: 'Un ou plusieurs composants sont hors service. Certaines fonctions peuvent être indisponibles.',
    summaryUnreachable: 'La plateforme est injoignable ({{reason}}). Vérifiez votre connexion et réessayez.',
    noComponents: 'Aucun composant signalé.',
    lastChecked: 'Dernière vérification à {{time}}',
  },
};
