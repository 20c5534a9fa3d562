#!/usr/bin/env node
// The web app's API types, generated from the API's OpenAPI document by openapi-typescript.
//
//   node tools/api-types.mjs <openapi.json> <out.d.ts>
//
// writes openapi-typescript's output for the document under a header that says how to regenerate it.
// `npm run api:types` builds the API, writes dist/openapi.json (apps/api/src/cli/openapi.ts), then runs this
// into apps/web/src/api/schema.d.ts. tools/check-api-types.mjs generates the same way and compares.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SCHEMA = 'apps/web/src/api/schema.d.ts';

const HEADER = `// GENERATED FILE: do not edit. The API's routes, request bodies and responses, from its OpenAPI document.
// Regenerate with \`npm run api:types\` after changing a controller or a DTO (it builds the API, runs
// apps/api/src/cli/openapi.ts, then openapi-typescript). \`npm test\` fails ("api types drift") when this file
// is stale.

`;

/** The text of the types file for the OpenAPI document at `documentPath`. */
export function apiTypes(documentPath) {
  const dir = mkdtempSync(join(tmpdir(), 'api-types-'));
  try {
    const out = join(dir, 'schema.d.ts');
    // --no: use the installed openapi-typescript, never download one.
    const { status, stderr, error } = spawnSync('npx', ['--no', 'openapi-typescript', documentPath, '-o', out], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    if (error || status !== 0) throw new Error(`openapi-typescript failed:\n${error?.message ?? stderr}`);
    return HEADER + readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const [document, out] = process.argv.slice(2);
  if (!document || !out) {
    console.error('usage: node tools/api-types.mjs <openapi.json> <out.d.ts>');
    process.exit(2);
  }
  const types = apiTypes(document);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, types);
  console.log(`API types written to ${out}`);
}
