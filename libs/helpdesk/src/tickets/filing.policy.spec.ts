import { directoryWarnings, FilingFacts, missingFacts } from './filing.policy';
import { formatReference, yearIn } from './reference';

const complete: FilingFacts = {
  requestedStateCode: 'MU',
  requestedAuthorityId: '00000000-0000-4000-8000-000000000001',
  cooperationType: 'mla',
  offenceCategory: 'laundering',
  legalBasis: 'untoc_18',
  dateSent: '2026-01-10',
  requesterReference: 'PAR-2026-17',
  channel: 'central_authority',
  blockageReason: 'execution_delayed',
  description: 'Bank records requested; nothing received.',
};

const fields = (facts: FilingFacts) => missingFacts(facts).map((problem) => problem.field);

describe('filing: missing facts', () => {
  it('names nothing when every required fact is there', () => {
    expect(missingFacts(complete)).toEqual([]);
  });

  it('names every missing fact of an empty filing, in the form’s order', () => {
    expect(fields({})).toEqual([
      'requestedStateCode',
      'requestedAuthorityId',
      'cooperationType',
      'offenceCategory',
      'legalBasis',
      'dateSent',
      'requesterReference',
      'channel',
      'blockageReason',
      'description',
    ]);
  });

  it('treats blank text as missing', () => {
    expect(fields({ ...complete, description: '   ', requesterReference: '' })).toEqual([
      'requesterReference',
      'description',
    ]);
  });

  it('asks for the facts other facts require', () => {
    expect(fields({ ...complete, legalBasis: 'bilateral' })).toEqual(['legalInstrument']);
    expect(fields({ ...complete, blockageReason: 'no_reply' })).toEqual(['blockedSince']);
    expect(fields({ ...complete, blockageReason: 'refused' })).toEqual(['refusalGround']);
    expect(fields({ ...complete, blockageReason: 'documents_missing' })).toEqual(['blockageDetails']);
    expect(fields({ ...complete, urgency: ['custody'] })).toEqual(['deadline']);
  });

  it('needs no requested authority when the counterpart is unknown or unreachable', () => {
    expect(fields({ ...complete, requestedAuthorityId: null, blockageReason: 'counterpart_unknown' })).toEqual([]);
  });
});

describe('filing: directory warnings', () => {
  const authority = { categories: ['extradition'], channels: ['diplomatic'], acceptsInterpol: false };

  it('warns when the channel is not accepted and the cooperation type not handled', () => {
    expect(directoryWarnings(complete, authority).map((warning) => warning.code)).toEqual([
      'channel-not-accepted',
      'cooperation-not-handled',
    ]);
  });

  it('does not warn when the directory agrees, INTERPOL included', () => {
    expect(
      directoryWarnings(
        { ...complete, channel: 'interpol', cooperationType: 'extradition' },
        { ...authority, acceptsInterpol: true },
      ),
    ).toEqual([]);
    expect(directoryWarnings({ ...complete, cooperationType: 'proceedings' }, null)).toEqual([]);
  });
});

describe('references', () => {
  it('pads the number to five digits', () => {
    expect(formatReference(2026, 42)).toBe('HD-2026-00042');
    expect(formatReference(2026, 123456)).toBe('HD-2026-123456');
  });

  it('takes the year in the secretariat’s zone', () => {
    const newYearInVienna = new Date('2026-12-31T23:30:00Z');
    expect(yearIn(newYearInVienna, 'Europe/Vienna')).toBe(2027);
    expect(yearIn(newYearInVienna, 'UTC')).toBe(2026);
  });
});
