import type { Category, Channel, OfficeHours } from '@liaison/directory';

/**
 * DEMO DATA. The States, zones and networks are as DOMAIN.md gives them; every authority record, its hours,
 * contacts and remarks are invented for trying the platform and carry `demo: true` (the app shows a badge).
 * None of it describes a real office.
 */
export const DEMO_STATES = [
  { code: 'KM', name: 'Comoros', untocParty: true, untocExtraditionBasis: false },
  { code: 'FR', name: 'France', untocParty: true, untocExtraditionBasis: true },
  { code: 'MG', name: 'Madagascar', untocParty: true, untocExtraditionBasis: true },
  { code: 'MU', name: 'Mauritius', untocParty: true, untocExtraditionBasis: true },
  { code: 'SC', name: 'Seychelles', untocParty: true, untocExtraditionBasis: true },
  { code: 'BF', name: 'Burkina Faso', untocParty: true, untocExtraditionBasis: true },
  { code: 'ML', name: 'Mali', untocParty: true, untocExtraditionBasis: true },
  { code: 'MR', name: 'Mauritania', untocParty: true, untocExtraditionBasis: false },
  { code: 'NE', name: 'Niger', untocParty: true, untocExtraditionBasis: true },
];

export const DEMO_NETWORKS = [
  {
    slug: 'ioc-judicial-platform',
    name: 'IOC judicial platform',
    description: 'Judicial cooperation platform of the Indian Ocean Commission (set up 2008). Demo network.',
    stateCodes: ['KM', 'FR', 'MG', 'MU', 'SC'],
  },
  {
    slug: 'sahel-judicial-platform',
    name: 'Sahel judicial platform',
    description: 'Judicial cooperation platform of the Sahel countries (set up in Bamako, June 2010). Demo network.',
    stateCodes: ['BF', 'ML', 'MR', 'NE'],
  },
];

const weekdays = (intervals: { start: string; end: string }[], friday = intervals): OfficeHours => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: friday,
  sat: [],
  sun: [],
});
const morningAndAfternoon = weekdays([
  { start: '08:00', end: '12:30' },
  { start: '14:00', end: '17:00' },
]);
const continuous = weekdays([{ start: '07:30', end: '15:30' }]);
const sahelHours = weekdays([{ start: '07:30', end: '16:00' }], [{ start: '07:30', end: '12:30' }]);

const ALL: Category[] = ['extradition', 'mla', 'sentenced_persons', 'sea_traffic', 'sea_migrants', 'firearms'];
const CENTRAL: Channel[] = ['diplomatic', 'direct', 'email', 'platform'];
const DOCUMENTS = [
  'The request in writing, signed and sealed by the requesting authority',
  'A summary of the facts and the text of the offence provisions',
  'A translation into one of the accepted languages',
];

export interface DemoAuthority {
  key: string;
  stateCode: string;
  name: string;
  timeZone: string;
  languages: string[];
  officeHours: OfficeHours;
  categories: Category[];
  channels: Channel[];
  acceptsInterpol: boolean;
  urgentProcedure: string;
  remarks: string;
  contact: { address: string; phone: string; email: string };
}

const demo = (
  key: string,
  stateCode: string,
  name: string,
  timeZone: string,
  languages: string[],
  officeHours: OfficeHours,
  city: string,
): DemoAuthority => ({
  key,
  stateCode,
  name: `${name} (demo)`,
  timeZone,
  languages,
  officeHours,
  categories: ALL,
  channels: CENTRAL,
  acceptsInterpol: true,
  urgentProcedure:
    'For a person in custody or an expiring freeze: send the request by e-mail or through the platform marked URGENT, then the original through the diplomatic channel.',
  remarks: 'Demo record: invented for trying Liaison. Bilateral and regional treaties are not listed here.',
  contact: {
    address: `Central authority, ${city}`,
    phone: '+000 0000 0000',
    email: `central.authority.${key}@demo.liaison.example`,
  },
});

export const DEMO_AUTHORITIES: DemoAuthority[] = [
  demo(
    'km',
    'KM',
    'Comoros central authority for mutual legal assistance',
    'Indian/Comoro',
    ['fr', 'ar'],
    morningAndAfternoon,
    'Moroni',
  ),
  demo(
    'fr-re',
    'FR',
    'Public prosecution office, Saint-Denis (La Réunion)',
    'Indian/Reunion',
    ['fr'],
    morningAndAfternoon,
    'Saint-Denis, La Réunion',
  ),
  demo(
    'fr',
    'FR',
    'French central authority, Ministry of Justice',
    'Europe/Paris',
    ['fr', 'en'],
    weekdays([
      { start: '09:00', end: '12:30' },
      { start: '14:00', end: '18:00' },
    ]),
    'Paris',
  ),
  demo(
    'mg',
    'MG',
    'Madagascar central authority, Ministry of Justice',
    'Indian/Antananarivo',
    ['fr', 'mg'],
    morningAndAfternoon,
    'Antananarivo',
  ),
  demo(
    'mu',
    'MU',
    'Mauritius central authority, Attorney General’s Office',
    'Indian/Mauritius',
    ['en', 'fr'],
    continuous,
    'Port Louis',
  ),
  demo(
    'sc',
    'SC',
    'Seychelles central authority, Attorney General’s Office',
    'Indian/Mahe',
    ['en', 'fr'],
    continuous,
    'Victoria',
  ),
  demo(
    'bf',
    'BF',
    'Burkina Faso central authority, Ministry of Justice',
    'Africa/Ouagadougou',
    ['fr'],
    sahelHours,
    'Ouagadougou',
  ),
  demo('ml', 'ML', 'Mali central authority, Ministry of Justice', 'Africa/Bamako', ['fr'], sahelHours, 'Bamako'),
  demo(
    'mr',
    'MR',
    'Mauritania central authority, Ministry of Justice',
    'Africa/Nouakchott',
    ['ar', 'fr'],
    sahelHours,
    'Nouakchott',
  ),
  demo('ne', 'NE', 'Niger central authority, Ministry of Justice', 'Africa/Niamey', ['fr'], sahelHours, 'Niamey'),
];

export const DEMO_DOCUMENTS = DOCUMENTS;
