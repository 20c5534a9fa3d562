import type { DemoTicket } from '@liaison/helpdesk';

/**
 * Demo helpdesk tickets (invented cases between the demo authorities), in different states. People are
 * demo users' e-mail addresses, authorities demo-directory keys, networks demo network slugs.
 */
export interface DemoTicketSeed extends Omit<
  DemoTicket,
  | 'filedBy'
  | 'requesterAuthorityId'
  | 'requesterStateCode'
  | 'requestedAuthorityId'
  | 'requestedStateCode'
  | 'networkIds'
  | 'assigneeId'
  | 'publicMessages'
> {
  filedBy: string;
  requester: string;
  requested: string;
  network: string;
  assigned: boolean;
  publicMessages?: { author: string; body: string }[];
}

const SECRETARIAT = 'secretariat@demo.liaison.example';
const PARIS = 'focal.point.paris@demo.liaison.example';
const SAHEL = 'focal.point.sahel@demo.liaison.example';

export const DEMO_TICKETS: DemoTicketSeed[] = [
  {
    filedBy: PARIS,
    requester: 'fr',
    requested: 'mu',
    network: 'ioc-judicial-platform',
    status: 'new',
    assigned: false,
    cooperationType: 'mla',
    offenceCategory: 'laundering',
    legalBasis: 'untoc_18',
    channel: 'central_authority',
    blockageReason: 'no_reply',
    blockedSince: '2026-08-01',
    dateSent: '2026-06-15',
    requesterReference: 'DEMO-PAR-2026-114',
    description: 'Demo case: request for bank records of two shell companies; acknowledged, no reply since August.',
  },
  {
    filedBy: PARIS,
    requester: 'fr',
    requested: 'mu',
    network: 'ioc-judicial-platform',
    status: 'waiting_counterpart',
    assigned: true,
    cooperationType: 'extradition',
    offenceCategory: 'trafficking_persons',
    legalBasis: 'untoc_16',
    channel: 'diplomatic',
    blockageReason: 'translation',
    urgency: ['custody'],
    deadline: '2027-01-15',
    dateSent: '2026-10-02',
    requesterReference: 'DEMO-PAR-2026-131',
    description: 'Demo case: provisional arrest made; the requested authority asks for a certified translation.',
    publicMessages: [
      { author: SECRETARIAT, body: 'We have asked the requested authority which translation it needs.' },
      { author: PARIS, body: 'Thank you. The person is in custody until mid-January.' },
    ],
  },
  {
    filedBy: SAHEL,
    requester: 'ml',
    requested: 'ne',
    network: 'sahel-judicial-platform',
    status: 'in_progress',
    assigned: true,
    cooperationType: 'confiscation',
    offenceCategory: 'drugs',
    legalBasis: 'drugs_1988_7',
    channel: 'direct_judicial',
    blockageReason: 'execution_delayed',
    urgency: ['freeze'],
    deadline: '2026-12-31',
    dateSent: '2026-09-20',
    requesterReference: 'DEMO-BKO-2026-07',
    description: 'Demo case: a freezing order expires at the end of the year; execution has not started.',
  },
  {
    filedBy: SAHEL,
    requester: 'ml',
    requested: 'ne',
    network: 'sahel-judicial-platform',
    status: 'resolved',
    assigned: true,
    outcome: 'unblocked',
    cooperationType: 'mla',
    offenceCategory: 'smuggling_migrants',
    legalBasis: 'untoc_18',
    channel: 'central_authority',
    blockageReason: 'no_acknowledgement',
    blockedSince: '2026-07-01',
    dateSent: '2026-05-10',
    requesterReference: 'DEMO-BKO-2026-03',
    description: 'Demo case: witness hearing requested; now scheduled after the secretariat’s call.',
  },
];
