import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
export const DIST = join(ROOT, 'dist/api/apps/api/src');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the built entry points (`main.js`, `cli/audit-verify.js`, …) as a real process with exactly
 * `env` (plus PATH), the way an operator or CI would. `npm test` builds them first.
 */
export function runBuilt(
  entry: string,
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<Finished> {
  const file = join(DIST, entry);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the API first (npm run build:api)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts a built entry point and leaves it running; resolves once `ready` appears in its output. */
export function startBuilt(entry: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, [join(DIST, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
  return { child, started, exited, output: () => output };
}
