import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ApiError, NETWORK_ERROR } from './problem';

// The client calls the page's origin; outside a browser, give it one before it loads.
Object.defineProperty(globalThis, 'location', { value: new URL('http://liaison.test/'), configurable: true });
let client: typeof import('./client');
beforeAll(async () => {
  client = await import('./client');
});

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('the API client', () => {
  const realFetch = globalThis.fetch;
  let fetchMock: jest.Mock<(request: Request) => Promise<Response>>;
  let token: string | null;
  let refresh: jest.Mock<() => Promise<boolean>>;

  beforeEach(() => {
    fetchMock = jest.fn<(request: Request) => Promise<Response>>();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    token = 'first';
    refresh = jest.fn(async () => {
      token = 'second';
      return true;
    });
    client.configureAuth({ token: () => token, ready: () => Promise.resolve(), refresh });
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const authorizations = () => fetchMock.mock.calls.map(([request]) => request.headers.get('Authorization'));

  it('sends the access token and returns the data', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, [{ code: 'MU', name: 'Mauritius', untocParty: true, untocExtraditionBasis: true }]),
    );
    await expect(client.unwrap(client.api.GET('/api/states'))).resolves.toEqual([
      { code: 'MU', name: 'Mauritius', untocParty: true, untocExtraditionBasis: true },
    ]);
    expect(authorizations()).toEqual(['Bearer first']);
  });

  it('refreshes once on a 401 and sends the request again, body included, with the new token', async () => {
    fetchMock.mockResolvedValueOnce(
      json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }, 'application/problem+json'),
    );
    fetchMock.mockResolvedValueOnce(
      json(201, { code: 'SC', name: 'Seychelles', untocParty: true, untocExtraditionBasis: false }),
    );
    const body = { code: 'SC', name: 'Seychelles', untocParty: true, untocExtraditionBasis: false };
    await expect(client.unwrap(client.api.POST('/api/states', { body }))).resolves.toMatchObject({ code: 'SC' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(authorizations()).toEqual(['Bearer first', 'Bearer second']);
    await expect(fetchMock.mock.calls[1][0].json()).resolves.toEqual(body);
  });

  it('gives up after one refresh: the second 401 is the answer', async () => {
    fetchMock.mockResolvedValue(
      json(
        401,
        { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The session has ended' },
        'application/problem+json',
      ),
    );
    const failure = client.unwrap(client.api.GET('/api/auth/me')).catch((error: unknown) => error);
    await expect(failure).resolves.toBeInstanceOf(ApiError);
    expect(((await failure) as ApiError).status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('does not refresh when the refresh fails, nor for the public client', async () => {
    refresh.mockResolvedValueOnce(false);
    fetchMock.mockResolvedValue(
      json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }, 'application/problem+json'),
    );
    await expect(client.unwrap(client.api.GET('/api/sessions'))).rejects.toBeInstanceOf(ApiError);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await expect(client.unwrap(client.publicApi.POST('/api/auth/refresh'))).rejects.toBeInstanceOf(ApiError);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls[1][0].headers.get('Authorization')).toBeNull();
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('turns a problem document into an ApiError with its field errors', async () => {
    fetchMock.mockResolvedValueOnce(
      json(
        400,
        {
          type: 'https://liaison.example/problems/validation',
          title: 'Your request is not valid',
          status: 400,
          detail: 'code: code must be two capital letters',
          errors: [{ field: 'code', message: 'code must be two capital letters' }, { field: 'x' }],
        },
        'application/problem+json',
      ),
    );
    const error = (await client
      .unwrap(
        client.api.POST('/api/states', {
          body: { code: 'x', name: 'X', untocParty: false, untocExtraditionBasis: false },
        }),
      )
      .catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.problem.title).toBe('Your request is not valid');
    expect(error.fieldErrors).toEqual([{ field: 'code', message: 'code must be two capital letters' }]);
  });

  it('reports an answer that never came as a network error, and a 204 as no data', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = (await client.unwrap(client.api.GET('/api/states')).catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(NETWORK_ERROR);
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(
      client.unwrap(
        client.api.DELETE('/api/sessions/{id}', { params: { path: { id: 'b5f7c8a2-4a7e-4a43-9c2e-2f1f0b7f1c11' } } }),
      ),
    ).resolves.toBeUndefined();
  });
});
