import type { FieldProblem } from '@liaison/platform';
import {
  BlockageReason,
  CooperationType,
  DATED_REASONS,
  DETAILED_REASONS,
  DIRECTORY_CATEGORY,
  DIRECTORY_CHANNELS,
  LegalBasis,
  NAMED_LEGAL_BASES,
  TicketChannel,
  Urgency,
} from '../vocabulary';

/** What a filing says, as far as it has got: every fact may still be missing. */
export interface FilingFacts {
  requestedStateCode?: string;
  requestedAuthorityId?: string | null;
  cooperationType?: CooperationType;
  offenceCategory?: string;
  legalBasis?: LegalBasis;
  legalInstrument?: string | null;
  dateSent?: string;
  requesterReference?: string;
  channel?: TicketChannel;
  blockageReason?: BlockageReason;
  blockedSince?: string | null;
  refusalGround?: string | null;
  blockageDetails?: string | null;
  urgency?: Urgency[];
  deadline?: string | null;
  description?: string;
}

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The required facts a filing lacks, field by field, in the order the form asks them, the way a request
 * writer's checklist does. Some facts are required by others: the instrument by a treaty basis, the date
 * by "no answer", the ground by a refusal, the details by documents asked for, the deadline by urgency.
 */
export function missingFacts(facts: FilingFacts): FieldProblem[] {
  const missing: FieldProblem[] = [];
  const need = (field: keyof FilingFacts, message: string) => {
    if (blank(facts[field])) missing.push({ field, message });
  };
  need('requestedStateCode', 'say which State the request was sent to');
  if (facts.blockageReason !== 'counterpart_unknown')
    need(
      'requestedAuthorityId',
      'name the requested authority, or give "counterpart unknown or unreachable" as the reason',
    );
  need('cooperationType', 'say what kind of cooperation was requested');
  need('offenceCategory', 'say which offence the request concerns');
  need('legalBasis', 'say on which legal basis the request was made');
  if (facts.legalBasis && NAMED_LEGAL_BASES.includes(facts.legalBasis))
    need('legalInstrument', 'name the treaty or instrument');
  need('dateSent', 'give the date the request was sent');
  need('requesterReference', 'give your own reference for the request');
  need('channel', 'say through which channel it was sent');
  need('blockageReason', 'say why it is blocked');
  if (facts.blockageReason && DATED_REASONS.includes(facts.blockageReason))
    need('blockedSince', 'give the date since which no answer came');
  if (facts.blockageReason === 'refused') need('refusalGround', 'give the ground of the refusal');
  if (facts.blockageReason && DETAILED_REASONS.includes(facts.blockageReason))
    need('blockageDetails', 'say which documents were asked for, or what else is wrong');
  if ((facts.urgency?.length ?? 0) > 0) need('deadline', 'give the date by which action is needed');
  need('description', 'describe the case');
  return missing;
}

/** What the directory says about the requested authority, as the filing needs it. */
export interface RequestedAuthority {
  categories: string[];
  channels: string[];
  acceptsInterpol: boolean;
}

export interface FilingWarning {
  field: string;
  code: 'channel-not-accepted' | 'cooperation-not-handled';
  message: string;
}

/** Warnings (never refusals) from the directory: the channel used is not one it accepts, or the cooperation type not one it handles. */
export function directoryWarnings(facts: FilingFacts, authority: RequestedAuthority | null): FilingWarning[] {
  if (!authority) return [];
  const warnings: FilingWarning[] = [];
  if (facts.channel) {
    const through = DIRECTORY_CHANNELS[facts.channel];
    const accepted =
      through.some((channel) => authority.channels.includes(channel)) ||
      (facts.channel === 'interpol' && authority.acceptsInterpol);
    if (!accepted)
      warnings.push({
        field: 'channel',
        code: 'channel-not-accepted',
        message: 'the requested authority does not list this channel among those it accepts',
      });
  }
  const category = facts.cooperationType ? DIRECTORY_CATEGORY[facts.cooperationType] : null;
  if (category && !authority.categories.includes(category))
    warnings.push({
      field: 'cooperationType',
      code: 'cooperation-not-handled',
      message: 'the requested authority does not list this kind of cooperation among those it handles',
    });
  return warnings;
}
