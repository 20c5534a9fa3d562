import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isPublishedSecret, keyringKeys } from './known-secrets';

const ROOT = join(__dirname, '../../../..');

function filesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** Every value given to a secret in a file: `NAME=value`, `NAME: value`, `NAME: ${NAME:-value}`. */
function secretValuesIn(text: string): { name: string; value: string }[] {
  const found: { name: string; value: string }[] = [];
  const assignment = /\b(JWT_SECRET|SEARCH_INDEX_KEY|ENCRYPTION_KEYRING)\s*[=:]\s*([^\s`'"|)]+)/g;
  for (const [, name, raw] of text.matchAll(assignment)) {
    const value = /^\$\{\w+:?-([^}]*)\}$/.exec(raw)?.[1] ?? raw;
    if (value.startsWith('${') || value === '') continue;
    for (const secret of name === 'ENCRYPTION_KEYRING' ? keyringKeys(value) : [value])
      found.push({ name, value: secret });
  }
  return found;
}

describe('published secrets', () => {
  const files = [
    join(ROOT, '.env.example'),
    ...filesUnder(join(ROOT, 'docker')),
    join(ROOT, 'README.md'),
    ...filesUnder(join(ROOT, 'docs')),
  ].filter((file) => /\.(example|ya?ml|md|env|conf)$|Dockerfile|Caddyfile/.test(file));

  it('lists every secret value written in .env.example, docker/ and the docs', () => {
    const values = files.flatMap((file) =>
      secretValuesIn(readFileSync(file, 'utf8')).map((found) => ({ ...found, file: relative(ROOT, file) })),
    );
    // The scan finds something: the example files do give the three secrets values.
    expect(values.filter((found) => found.file === '.env.example').map((found) => found.name)).toEqual([
      'JWT_SECRET',
      'ENCRYPTION_KEYRING',
      'SEARCH_INDEX_KEY',
    ]);
    expect(values.filter((found) => found.file === 'docker/.env.example')).toHaveLength(3);
    expect(values.filter((found) => !isPublishedSecret(found.value))).toEqual([]);
  });

  it('recognises a published key however it is re-encoded, and not a fresh one', () => {
    expect(isPublishedSecret('ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE')).toBe(true);
    expect(isPublishedSecret(' local-development-only-jwt-secret-0123456789 ')).toBe(true);
    expect(isPublishedSecret('q0v3mLr3d1x6V0W9m1tq2Y7c0B8kN4sH5jP2eR6uT1A=')).toBe(false);
  });
});
