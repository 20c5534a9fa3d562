import { GroupCommit } from './group-commit';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('puts what arrives while a batch commits into the next batch, a key’s items in order', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const commit = new GroupCommit<string, string>({ lanes: 1, maxBatch: 10, maxWaiting: 100 }, async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((item) => `stored ${item}`);
    });
    const first = commit.submit('thread', 'a');
    await tick();
    const later = ['b', 'c', 'd'].map((item) => commit.submit('thread', item));
    await tick();
    expect(batches).toEqual([['a']]);
    release();
    expect(await Promise.all([first, ...later])).toEqual(['stored a', 'stored b', 'stored c', 'stored d']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('answers each item of a batch on its own: a refused one rejects alone', async () => {
    const commit = new GroupCommit<number, number>({ lanes: 2, maxBatch: 10, maxWaiting: 100 }, async (items) =>
      items.map((item) => (item === 2 ? new Error('refused') : item * 10)),
    );
    const answers = await Promise.allSettled([1, 2, 3].map((item) => commit.submit('thread', item)));
    expect(answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : 'rejected'))).toEqual([
      10,
      'rejected',
      30,
    ]);
  });

  it('refuses at once with 503 and a retry delay past the bound of waiting items', async () => {
    const commit = new GroupCommit<number, number>({ lanes: 1, maxBatch: 1, maxWaiting: 2 }, async (items) => items);
    const accepted = [commit.submit('t', 1), commit.submit('t', 2)];
    await expect(commit.submit('t', 3)).rejects.toMatchObject({
      problem: { status: 503, type: '/problems/overloaded', retryAfterMs: 1000 },
    });
    expect(await Promise.all(accepted)).toEqual([1, 2]);
    expect(commit.pending).toBe(0);
  });
});
