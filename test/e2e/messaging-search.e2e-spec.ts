import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { BlindIndex, type MessageView } from '@liaison/messaging';
import { call, signIn } from '../support/auth';
import { connectAs } from '../support/database';
import { createUser } from '../support/factories';
import { createForumThread, Member, networkWithMembers } from '../support/messaging';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(60_000);

interface SearchPage {
  total: number;
  items: { message: MessageView; thread: { id: string; subject: string | null } }[];
  nextCursor: string | null;
}

/**
 * Keyword search over the messages a user may read, through the blind index (keyed HMAC tokens of folded
 * whole words): no plaintext is stored to search it.
 */
describe('messaging: search', () => {
  let api: RunningApp;
  let reader: Member;
  let outsider: Member;
  let threadId: string;
  let otherThreadId: string;
  const key = randomBytes(32);

  const send = async (member: Member, thread: string, body: string) =>
    (await (
      await call(api, 'POST', `/api/threads/${thread}/messages`, {
        token: member.token,
        body: { clientId: randomUUID(), body },
      })
    ).json()) as MessageView;
  const search = async (member: Member, q: string, extra = '') =>
    (await (
      await call(api, 'GET', `/api/search/messages?q=${encodeURIComponent(q)}${extra}`, { token: member.token })
    ).json()) as SearchPage;

  beforeAll(async () => {
    api = await startApp({ env: { SEARCH_INDEX_KEY: key.toString('base64') } });
    const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const ours = await networkWithMembers(api, adminToken, 1);
    const theirs = await networkWithMembers(api, adminToken, 1);
    [reader] = ours.members;
    [outsider] = theirs.members;
    threadId = (await createForumThread(api, reader, ours.directory.networkId, 'Search')).id;
    otherThreadId = (await createForumThread(api, outsider, theirs.directory.networkId, 'Elsewhere')).id;
  });
  afterAll(() => api.close());

  it('finds a message by its words in any case or accent form, in French and in Arabic; all words must match', async () => {
    const french = await send(
      reader,
      threadId,
      "L'État requérant transmettra la demande d’extradition de M. Zéphyrin.",
    );
    const arabic = await send(reader, threadId, 'طلبُ تَسْلِيمِ المجرمين عاجل');
    for (const q of ['etat', 'ÉTAT', 'zephyrin extradition', 'EXTRADITION requerant']) {
      expect([q, (await search(reader, q)).items.map((hit) => hit.message.id)]).toEqual([q, [french.id]]);
    }
    for (const q of ['تسليم', 'تَسْلِيم المجرمين']) {
      expect([q, (await search(reader, q)).items.map((hit) => hit.message.id)]).toEqual([q, [arabic.id]]);
    }
    // Whole words only, every word required.
    expect((await search(reader, 'extrad')).total).toBe(0);
    expect((await search(reader, 'extradition تسليم')).total).toBe(0);
    const hit = (await search(reader, 'zephyrin')).items[0];
    expect(hit.thread).toMatchObject({ id: threadId, subject: 'Search' });
    expect(hit.message.body).toContain('Zéphyrin');
  });

  it('never returns a thread the user cannot read, and counts the same whether or not such threads hold the word', async () => {
    await send(reader, threadId, 'Mot témoin: ORNITHORYNQUE');
    const before = await search(reader, 'ornithorynque');
    expect(before.total).toBe(1);
    await send(outsider, otherThreadId, 'Le même mot ailleurs: ornithorynque, ornithorynque');
    const after = await search(reader, 'ornithorynque');
    expect(after.total).toBe(before.total);
    expect(after.items.map((hit) => hit.thread.id)).toEqual([threadId]);
    expect((await search(outsider, 'ornithorynque')).items.map((hit) => hit.thread.id)).toEqual([otherThreadId]);
    // Naming a thread one cannot read finds nothing in it.
    expect((await search(reader, 'ornithorynque', `&threadId=${otherThreadId}`)).total).toBe(0);
  });

  it('forgets a word edited out of a message, and a deleted message is found by nothing', async () => {
    const message = await send(reader, threadId, 'Dossier CASUARIUS urgent');
    expect((await search(reader, 'casuarius')).total).toBe(1);
    await call(api, 'PATCH', `/api/threads/${threadId}/messages/${message.id}`, {
      token: reader.token,
      body: { body: 'Dossier urgent' },
    });
    expect((await search(reader, 'casuarius')).total).toBe(0);
    expect((await search(reader, 'dossier urgent')).items.map((hit) => hit.message.id)).toContain(message.id);
    await call(api, 'DELETE', `/api/threads/${threadId}/messages/${message.id}`, { token: reader.token });
    expect((await search(reader, 'dossier')).items.map((hit) => hit.message.id)).not.toContain(message.id);
    const tokens = await connectAs(
      'superuser',
      async (client) =>
        (await client.query('SELECT unnest(search_tokens) AS token FROM messages WHERE id = $1', [message.id])).rows,
    );
    expect(tokens).toHaveLength(0);
  });

  it('stores keyed tokens only: the configured key’s HMAC, never a plain hash of the word', async () => {
    const message = await send(reader, threadId, 'Numbat');
    const stored = await connectAs(
      'superuser',
      async (client) =>
        (await client.query('SELECT unnest(search_tokens) AS token FROM messages WHERE id = $1', [message.id]))
          .rows as {
          token: string;
        }[],
    );
    expect(stored.map((row) => row.token)).toEqual([new BlindIndex(key).token('numbat')]);
    expect(stored[0].token).not.toBe(new BlindIndex(randomBytes(32)).token('numbat'));
    const plain = createHash('sha256').update('numbat').digest();
    expect([
      plain.toString('hex'),
      plain.toString('base64url'),
      plain.subarray(0, 16).toString('base64url'),
    ]).not.toContain(stored[0].token);
  });

  it('pages results newest first and refuses a query without a word', async () => {
    for (let index = 0; index < 5; index += 1) await send(reader, threadId, `Pagination quokka ${index}`);
    const first = await search(reader, 'quokka', '&limit=2');
    expect(first.total).toBe(5);
    expect(first.items.map((hit) => hit.message.body)).toEqual(['Pagination quokka 4', 'Pagination quokka 3']);
    const second = await search(reader, 'quokka', `&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((hit) => hit.message.body)).toEqual(['Pagination quokka 2', 'Pagination quokka 1']);
    const empty = await call(api, 'GET', '/api/search/messages?q=%20a%20', { token: reader.token });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errors: { field: string }[] }).errors[0].field).toBe('q');
  });
});
