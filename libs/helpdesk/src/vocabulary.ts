/**
 * The helpdesk's categorical facts (DOMAIN.md, "Helpdesk vocabulary"): stored in clear for the queue and statistics.
 * The value lists live in @liaison/contracts, which the web app shares; what only the API needs stays here.
 */
import type { CooperationType, TicketChannel } from '@liaison/contracts';

export {
  BLOCKAGE_REASONS,
  COOPERATION_TYPES,
  DATED_REASONS,
  DETAILED_REASONS,
  LEGAL_BASES,
  NAMED_LEGAL_BASES,
  OFFENCE_CATEGORIES,
  OUTCOMES,
  PRIORITIES,
  REFUSAL_GROUNDS,
  TICKET_CHANNELS,
  URGENCIES,
} from '@liaison/contracts';
export type {
  BlockageReason,
  CooperationType,
  LegalBasis,
  OffenceCategory,
  Outcome,
  Priority,
  RefusalGround,
  TicketChannel,
  Urgency,
} from '@liaison/contracts';

/** The directory's channels (libs/directory vocabulary) each way of sending a request goes through. */
export const DIRECTORY_CHANNELS: Record<TicketChannel, readonly string[]> = {
  central_authority: ['direct'],
  diplomatic: ['diplomatic'],
  interpol: ['interpol'],
  direct_judicial: ['direct'],
  email_platform: ['email', 'platform'],
};

/** The directory category an authority must handle for a cooperation type; null: no category says. */
export const DIRECTORY_CATEGORY: Record<CooperationType, string | null> = {
  extradition: 'extradition',
  mla: 'mla',
  sentenced_persons: 'sentenced_persons',
  proceedings: null,
  confiscation: 'mla',
  other: null,
};
