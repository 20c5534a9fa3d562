import { DEMO_MINUTES_THREAD } from './demo-meetings';

/**
 * Demo conversations (invented). Authors are demo users' e-mail addresses; `network` makes a forum thread
 * of that demo network, `participants` a private thread between them (the first one created it).
 */
export interface DemoThread {
  subject: string;
  network?: string;
  participants?: string[];
  messages: { author: string; body: string }[];
}

export const DEMO_THREADS: DemoThread[] = [
  {
    subject: DEMO_MINUTES_THREAD,
    network: 'ioc-judicial-platform',
    messages: [
      {
        author: 'coordinator.ioc@demo.liaison.example',
        body: 'The minutes of our November meeting are on the meeting page. Comments and corrections here, please.',
      },
    ],
  },
  {
    subject: 'Extradition requests: documents checklist for the region',
    network: 'ioc-judicial-platform',
    messages: [
      {
        author: 'coordinator.ioc@demo.liaison.example',
        body: 'Welcome to the forum of the IOC judicial platform. Please share here what your authority **requires** with an extradition request, so that requests arrive complete the first time.',
      },
      {
        author: 'focal.point.ioc@demo.liaison.example',
        body: 'For Seychelles: a certified copy of the warrant, a statement of the facts, the text of the offence and penalty provisions, and a description of the person.\n\n- translations into English or French\n- transmission through the central authority',
      },
      {
        author: 'focal.point.paris@demo.liaison.example',
        body: 'For France (including Réunion), the same list, with translations into French. Urgent provisional arrest requests can go through INTERPOL first.',
      },
    ],
  },
  {
    subject: 'MLA request for bank records — status',
    participants: ['focal.point.paris@demo.liaison.example', 'focal.point.ioc@demo.liaison.example'],
    messages: [
      {
        author: 'focal.point.paris@demo.liaison.example',
        body: 'Good morning, could you tell me where our request for bank records stands? The person concerned is in custody.',
      },
      {
        author: 'focal.point.ioc@demo.liaison.example',
        body: 'It is with the competent court; I expect the records within two weeks and will write here as soon as they are sent.',
      },
    ],
  },
];
