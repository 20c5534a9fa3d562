#!/usr/bin/env node
// "api types drift": fails when apps/web/src/api/schema.d.ts is not, byte for byte, what the API's current
// OpenAPI document generates. Needs the API build (dist/api). The fix is `npm run api:types`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiTypes, SCHEMA } from './api-types.mjs';

const CLI = 'dist/api/apps/api/src/cli/openapi.js';

function fail(message) {
  console.error(`api types drift: ${message}`);
  process.exit(1);
}

if (!existsSync(CLI)) fail(`${CLI} is missing: build the API first (npm run build:api)`);
const dir = mkdtempSync(join(tmpdir(), 'api-types-check-'));
let expected;
try {
  const document = join(dir, 'openapi.json');
  const { status } = spawnSync('node', [CLI, document], { stdio: ['ignore', 'ignore', 'inherit'] });
  expected = status === 0 ? apiTypes(document) : new Error(`${CLI} failed (exit ${status})`);
} catch (error) {
  expected = error;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (expected instanceof Error) fail(expected.message);

if (!existsSync(SCHEMA)) fail(`${SCHEMA} is missing: run npm run api:types`);
const actual = readFileSync(SCHEMA);
if (!actual.equals(Buffer.from(expected, 'utf8'))) {
  const a = actual.toString('utf8').split('\n');
  const e = expected.split('\n');
  let line = 0;
  while (line < a.length && a[line] === e[line]) line += 1;
  fail(
    `${SCHEMA} is stale (first difference at line ${line + 1}):\n` +
      `  committed: ${a[line] ?? '(end of file)'}\n` +
      `  generated: ${e[line] ?? '(end of file)'}\n` +
      'run npm run api:types and commit the result',
  );
}
console.log(`${SCHEMA} matches the OpenAPI document`);
