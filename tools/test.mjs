#!/usr/bin/env node
// `npm test`: every check CI runs, in order, on the real PostgreSQL and Redis of this machine.
// Builds, lints and typechecks, checks the formatting (Prettier), the docs' links and npm scripts, the commit
// subjects, that migrations match the entities and that the web app's generated API types match the OpenAPI
// document, then runs the unit, e2e and browser suites (each writes reports/jest-<suite>.json). Every step runs
// even if an earlier one failed, so one run shows everything that is wrong; the exit code is non-zero if
// anything failed. `--no-browser` (`npm run check`) leaves the browser suite out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: process.env.CI ? '0' : '1' };
// CI checks everything afresh; locally Nx may replay a result whose inputs have not changed.
const nx = (targets) => [
  'npx',
  'nx',
  'run-many',
  '-t',
  ...targets,
  '--output-style=static',
  ...(process.env.CI ? ['--skip-nx-cache'] : []),
];
const jest = (suite, ...extra) => [
  'npx',
  'jest',
  '--selectProjects',
  suite,
  '--json',
  `--outputFile=reports/jest-${suite}.json`,
  ...extra,
];
const withBrowser = !process.argv.includes('--no-browser');
const suites = withBrowser ? ['unit', 'e2e', 'browser'] : ['unit', 'e2e'];

mkdirSync('reports', { recursive: true });
for (const suite of suites) rmSync(`reports/jest-${suite}.json`, { force: true });

const steps = [
  { name: 'services', command: ['bash', 'tools/ensure-services.sh'], required: true },
  { name: 'build', command: nx(['build']), required: true },
  { name: 'lint', command: nx(['lint']) },
  { name: 'typecheck', command: nx(['typecheck']) },
  { name: 'format', command: ['npx', 'prettier', '--check', '--log-level=warn', '.'] },
  { name: 'docs', command: ['node', 'tools/check-docs.mjs'] },
  { name: 'commit subjects', command: ['node', 'tools/check-commits.mjs'] },
  { name: 'migration drift', command: ['node', 'dist/api/apps/api/src/cli/migrate.js', 'check'] },
  { name: 'api types drift', command: ['node', 'tools/check-api-types.mjs'] },
  { name: 'unit', command: jest('unit') },
  { name: 'e2e', command: jest('e2e', '--runInBand') },
  ...(withBrowser ? [{ name: 'browser', command: jest('browser', '--runInBand') }] : []),
];

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(step.command[0], step.command.slice(1), { stdio: 'inherit', env });
  results.push({ name: step.name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  if (status !== 0 && step.required) break;
}

console.log('\n=== summary');
for (const result of results) {
  console.log(`${result.ok ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(16)} ${result.seconds.toFixed(1)} s`);
}
for (const suite of suites) {
  const file = `reports/jest-${suite}.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  console.log(
    `${suite.padEnd(8)} ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
      (report.numPendingTests ? `, ${report.numPendingTests} skipped` : ''),
  );
}
process.exit(results.every((result) => result.ok) && results.length === steps.length ? 0 : 1);
