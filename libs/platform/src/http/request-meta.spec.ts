import type { Request } from 'express';
import { requestMetaOf } from './request-meta';

const request = (fields: { ip?: string; id?: unknown; headers?: Record<string, string> }) =>
  ({
    ip: fields.ip,
    id: fields.id,
    get: (name: string) => fields.headers?.[name.toLowerCase()],
  }) as unknown as Request;

describe('requestMetaOf', () => {
  it('reads the address Express trusted, the request id and the user agent', () => {
    expect(requestMetaOf(request({ ip: '203.0.113.9', id: 42, headers: { 'user-agent': 'Firefox/140.0' } }))).toEqual({
      ip: '203.0.113.9',
      requestId: '42',
      userAgent: 'Firefox/140.0',
    });
  });

  it('says null for what the request does not carry', () => {
    expect(requestMetaOf(request({}))).toEqual({ ip: null, requestId: null, userAgent: null });
  });
});
