#!/usr/bin/env node
// "docs": the documentation stays true of the repository. For every Markdown file (README.md, docs/, docker/
// and any other outside node_modules, dist and the generated folders) it checks that
//   - every relative link resolves to a file or folder inside the repository, and its #anchor (if any) to a
//     heading of the target file (GitHub's heading ids);
//   - every npm script a doc names (`npm run <name>`, `npm test`, `npm start`, `npm stop`, `npm restart`)
//     exists in package.json.
// Links to other sites (http:, https:, mailto:) are not followed. Usage: node tools/check-docs.mjs [--root <dir>]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'reports', 'tmp', 'coverage']);
const SCRIPT_SHORTCUTS = new Set(['test', 'start', 'stop', 'restart']);

function markdownFiles(root, dir = root) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(root, path));
    else if (entry.name.endsWith('.md')) files.push(path);
  }
  return files.sort();
}

/** The lines outside fenced code blocks, with their line numbers; inline code spans blanked. */
function proseLines(text) {
  const lines = [];
  let fence = null;
  text.split('\n').forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (marker) {
      if (fence === null) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = null;
      return;
    }
    if (fence === null)
      lines.push({ number: index + 1, text: line.replace(/`+[^`]*`+/g, (code) => ' '.repeat(code.length)) });
  });
  return lines;
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function headingIds(text) {
  const ids = new Set();
  const seen = new Map();
  let fence = null;
  for (const line of text.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (marker) {
      if (fence === null) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = null;
      continue;
    }
    const heading = fence === null && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const plain = heading[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase();
    const base = plain.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

function linkTargets(text) {
  const targets = [];
  for (const { number, text: line } of proseLines(text)) {
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      targets.push({ number, target: match[1] });
    const reference = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
    if (reference) targets.push({ number, target: reference[1] });
  }
  return targets;
}

function namedScripts(text) {
  const names = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/\bnpm\s+(?:run(?:-script)?\s+([A-Za-z0-9:._-]+)|([a-z]+)\b)/g)) {
      const name = match[1] ?? (SCRIPT_SHORTCUTS.has(match[2]) ? match[2] : undefined);
      if (name !== undefined) names.push({ number: index + 1, name });
    }
  });
  return names;
}

/** Every problem of the repository at `root`, as `file:line: message` strings (empty when all is well). */
export function checkDocs(root) {
  root = resolve(root);
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  const problems = [];
  const idsOf = new Map();
  const ids = (file) => {
    if (!idsOf.has(file)) idsOf.set(file, headingIds(readFileSync(file, 'utf8')));
    return idsOf.get(file);
  };
  for (const file of markdownFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const name = relative(root, file).split(sep).join('/');
    for (const { number, target } of linkTargets(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path, anchor] = target.split('#', 2);
      const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
      if (resolved !== root && !resolved.startsWith(root + sep)) {
        problems.push(`${name}:${number}: link ${target} points outside the repository`);
      } else if (!existsSync(resolved)) {
        problems.push(`${name}:${number}: link ${target} names no file in the repository`);
      } else if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile() && !ids(resolved).has(anchor)) {
        problems.push(`${name}:${number}: link ${target} names no heading of ${relative(root, resolved)}`);
      }
    }
    for (const { number, name: script } of namedScripts(text)) {
      if (!Object.hasOwn(scripts, script))
        problems.push(`${name}:${number}: npm script "${script}" is not in package.json`);
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'check-docs.mjs')) {
  const rootIndex = process.argv.indexOf('--root');
  const root = rootIndex === -1 ? process.cwd() : process.argv[rootIndex + 1];
  const problems = checkDocs(root);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`docs: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log(
    `docs: every relative link and npm script named in ${markdownFiles(resolve(root)).length} Markdown files exists`,
  );
}
