/**
 * Every user-visible string of the web app, in English. `fr.ts` and `ar.ts` have exactly the same keys (the
 * type `Translation` checks it). Values use i18next's `{{name}}` interpolation; counts are shown as
 * "label: value" so that no plural forms are needed (Arabic has six).
 */
import { en as homeEN } from '../features/home/translations/en';
import { en as accountEN } from '../features/account/translations/en';
import { en as directoryEN } from '../features/directory/translations/en';
import { en as adminEN } from '../features/admin/translations/en';
import { en as coordinationEN } from '../features/coordination/translations/en';
import { en as notificationsEN } from '../features/notifications/translations/en';
import { en as messagingEN } from '../features/messaging/translations/en';
import { en as statisticsEN } from '../features/statistics/translations/en';
import { en as meetingsEN } from '../features/meetings/translations/en';
import { en as helpdeskEN } from '../features/helpdesk/translations/en';

export const en = {
  app: {
    name: 'Liaison',
    tagline:
      'Secure network for the focal points of central authorities handling extradition, mutual legal assistance and confiscation requests between States.',
    skipToContent: 'Skip to main content',
    homeLink: '(home page)',
    networksIntro: 'Regional judicial cooperation networks:',
    networkIoc: 'Indian Ocean Commission judicial platform',
    networkSahel: 'Sahel judicial platform',
    documentTitle: '{{title}} – Liaison',
  },

  nav: {
    main: 'Main',
    menu: 'Menu',
    home: 'Home',
    myNetworks: 'My networks',
    directory: 'Directory',
    messages: 'Messages',
    unreadMessages: 'unread: {{count}}',
    profile: 'Profile',
    admin: 'Administration',
    coordination: 'Coordination',
    statistics: 'Statistics',
    meetings: 'Meetings',
    helpdesk: 'Helpdesk',
    language: 'Language',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    signedInAs: 'Signed in as {{name}} ({{role}})',
  },

  connection: {
    label: 'Live updates:',
    online: 'Online',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
  },

  roles: {
    admin: 'Administrator',
    secretariat: 'Secretariat',
    coordinator: 'Coordinator',
    focal_point: 'Focal point',
  },

  userStatus: {
    active: 'Active',
    suspended: 'Suspended',
  },

  categories: {
    extradition: 'Extradition',
    mla: 'Mutual legal assistance',
    sentenced_persons: 'Transfer of sentenced persons',
    sea_traffic: 'Illicit traffic by sea',
    sea_migrants: 'Smuggling of migrants by sea',
    firearms: 'Firearms',
  },

  channels: {
    diplomatic: 'Diplomatic channel',
    direct: 'Direct judicial contact',
    interpol: 'INTERPOL',
    email: 'E-mail',
    platform: 'Secure platform',
  },

  common: {
    loading: 'Loading…',
    working: 'Please wait…',
    retry: 'Try again',
    save: 'Save',
    cancel: 'Cancel',
    edit: 'Edit',
    remove: 'Remove',
    add: 'Add',
    yes: 'Yes',
    no: 'No',
    none: 'None',
    notProvided: 'Not provided',
    demo: 'Demo data',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Could not copy. Select the text and copy it by hand.',
    loadMore: 'Load more',
    fixErrors: 'Some answers need your attention. Check the fields marked below.',
    shownOnce: 'Copy it now: it will not be shown again.',
    validUntil: 'Valid until {{date}}',
    saved: 'Saved.',
    field: '{{field}}: {{message}}',
  },

  errors: {
    network: 'The platform could not be reached. Check your connection and try again.',
    unexpected: 'Something went wrong. Please try again.',
    forbidden: 'You are not allowed to do this.',
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no page at this address, or it has been removed.',
    backHome: 'Go to the home page',
    signInTitle: 'Sign in to continue',
    signInText: 'This page is for signed-in members of the network.',
  },

  ...homeEN,
  ...accountEN,
  ...directoryEN,
  ...adminEN,
  ...coordinationEN,
  ...notificationsEN,
  ...messagingEN,
  ...statisticsEN,
  ...meetingsEN,
  ...helpdeskEN,
};

export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The shape every language must have: the same keys as English, strings as values. */
export type Translation = Strings<typeof en>;
