import { randomUUID } from 'node:crypto';
import { parseSocketSend } from './socket-send';

const fieldsOf = (payload: unknown): string[] => {
  try {
    parseSocketSend(payload);
    return [];
  } catch (error) {
    return (error as { problem: { errors: { field: string }[] } }).problem.errors.map((problem) => problem.field);
  }
};

describe('the socket send check', () => {
  const valid = { threadId: randomUUID(), clientId: randomUUID(), body: 'Hello' };

  it('accepts a send, with or without mentions', () => {
    expect(parseSocketSend(valid)).toEqual({ ...valid, mentions: undefined });
    const mentions = [randomUUID()];
    expect(parseSocketSend({ ...valid, mentions }).mentions).toEqual(mentions);
  });

  it('names each field that breaks the REST route’s rules, and refuses unknown fields', () => {
    expect(fieldsOf({ ...valid, body: '   ' })).toEqual(['body']);
    expect(fieldsOf({ ...valid, body: 'x'.repeat(20_001) })).toEqual(['body']);
    expect(fieldsOf({ ...valid, body: 42 })).toEqual(['body']);
    expect(fieldsOf({ ...valid, clientId: 'not-a-uuid' })).toEqual(['clientId']);
    expect(fieldsOf({ ...valid, threadId: undefined })).toEqual(['threadId']);
    expect(fieldsOf({ ...valid, mentions: ['nope'] })).toEqual(['mentions']);
    expect(fieldsOf({ ...valid, mentions: Array.from({ length: 21 }, () => randomUUID()) })).toEqual(['mentions']);
    expect(fieldsOf({ ...valid, admin: true })).toEqual(['admin']);
    expect(fieldsOf(null)).toEqual(['body']);
    expect(fieldsOf('text')).toEqual(['body']);
  });
});
