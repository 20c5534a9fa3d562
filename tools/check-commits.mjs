#!/usr/bin/env node
// "commit subjects": every commit since the base has a subject line of at most 72 characters, so
// `git log --oneline` and review tools show it whole. The base is 22fa478, the merge that brought this check
// to every branch written in parallel with it; two of those branches' commits (b759545, 1fac6ce) predate it.
// Usage: node tools/check-commits.mjs [--base <commit>] [--max <n>] [--repo <dir>]
import { spawnSync } from 'node:child_process';

const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const base = option('--base', '22fa478');
const max = Number(option('--max', '72'));
const repo = option('--repo', process.cwd());

const git = (...args) => spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });

if (git('cat-file', '-e', `${base}^{commit}`).status !== 0) {
  console.error(`commit subjects: base commit ${base} is not in this clone (a shallow clone?): fetch the history`);
  process.exit(1);
}
const log = git('log', '--format=%h%x09%s', `${base}..HEAD`);
if (log.status !== 0) {
  console.error(`commit subjects: git log failed: ${log.stderr.trim()}`);
  process.exit(1);
}
const commits = log.stdout
  .split('\n')
  .filter(Boolean)
  .map((line) => line.split('\t'));
const long = commits.filter(([, subject]) => [...subject].length > max);
for (const [hash, subject] of long) {
  console.error(`commit ${hash}: subject has ${[...subject].length} characters (at most ${max}): ${subject}`);
}
if (long.length > 0) process.exit(1);
console.log(`commit subjects: ${commits.length} commit(s) since ${base}, every subject at most ${max} characters`);
