import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The checks `npm test` runs over the repository itself, each run here on a small repository of its own.
const TOOLS = resolve(__dirname, '../../tools');

function run(script: string, ...args: string[]) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [join(TOOLS, script), ...args], { encoding: 'utf8' });
  return { status, output: `${stdout}${stderr}` };
}

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'liaison-checks-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('the docs check', () => {
  const packageJson = JSON.stringify({ scripts: { test: 'jest', start: 'node main.js', 'db:seed': 'node seed.js' } });
  const sound = {
    'package.json': packageJson,
    'README.md': [
      '# Liaison',
      'Read [the architecture](docs/architecture.md#layers-and-rules), [the tools](tools/) and [below](#run-it).',
      '## Run it',
      '`npm ci && npm start`, then `npm test` and `npm run db:seed -- --force`; `npm install` is npm itself.',
      '```sh',
      '# a comment, not a heading; [not a link](nowhere.md)',
      '```',
    ].join('\n'),
    'docs/architecture.md': '# Architecture\n\n## Layers and rules\n\nBack to the [README](../README.md).\n',
    'tools/run.mjs': '',
  };

  function check(files: Record<string, string>) {
    const root = repository(files);
    roots.push(root);
    return run('check-docs.mjs', '--root', root);
  }

  it('passes when every relative link, anchor and named script exists', () => {
    const { status, output } = check(sound);
    expect(output).toContain('every relative link and npm script');
    expect(status).toBe(0);
  });

  it('fails on a link to a file that is not in the repository', () => {
    const { status, output } = check({ ...sound, 'docs/testing.md': 'See [operations](operations.md).\n' });
    expect(status).toBe(1);
    expect(output).toContain('docs/testing.md:1: link operations.md names no file in the repository');
  });

  it('fails on a link that leaves the repository', () => {
    const { status, output } = check({ ...sound, 'docs/decisions.md': 'The [design](../../shared/DESIGN.md).\n' });
    expect(status).toBe(1);
    expect(output).toContain('link ../../shared/DESIGN.md points outside the repository');
  });

  it('fails on an anchor that names no heading', () => {
    const { status, output } = check({ ...sound, 'docs/a.md': '[rules](architecture.md#rules-and-layers)\n' });
    expect(status).toBe(1);
    expect(output).toContain('names no heading of docs/architecture.md');
  });

  it('fails on an npm script that package.json does not have', () => {
    const { status, output } = check({ ...sound, 'docs/operations.md': 'Run `npm run keys:rotate` and `npm stop`.\n' });
    expect(status).toBe(1);
    expect(output).toContain('docs/operations.md:1: npm script "keys:rotate" is not in package.json');
    expect(output).toContain('npm script "stop" is not in package.json');
  });
});

describe('the commit subject check', () => {
  function git(root: string, ...args: string[]) {
    const result = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.trim();
  }

  function history(...subjects: string[]) {
    const root = repository({ 'README.md': '# base\n' });
    roots.push(root);
    git(root, 'init', '-q');
    const commit = (subject: string) =>
      git(root, '-c', 'user.name=t', '-c', 'user.email=t@t.example', 'commit', '-q', '--allow-empty', '-m', subject);
    git(root, 'add', '.');
    commit('base');
    const base = git(root, 'rev-parse', 'HEAD');
    subjects.forEach(commit);
    return { root, base };
  }

  it('passes when every subject since the base has at most 72 characters', () => {
    const { root, base } = history('docs: one page per concern', 'x'.repeat(72));
    const { status, output } = run('check-commits.mjs', '--repo', root, '--base', base);
    expect(output).toContain('2 commit(s)');
    expect(status).toBe(0);
  });

  it('fails on a subject of 73 characters and names the commit', () => {
    const { root, base } = history('docs: fine', `docs: ${'y'.repeat(67)}`);
    const { status, output } = run('check-commits.mjs', '--repo', root, '--base', base);
    expect(status).toBe(1);
    expect(output).toMatch(/commit [0-9a-f]+: subject has 73 characters \(at most 72\): docs: y+/);
  });
});
