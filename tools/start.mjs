#!/usr/bin/env node
// `npm start`: the whole platform on this machine, with demo data. Starts PostgreSQL and Redis if they are
// down, builds, creates the roles and the database (as the local superuser), migrates, then runs the API
// (which serves the web app) and the worker until Ctrl-C. With no SMTP relay configured (SMTP_HOST unset,
// outside production) it also runs the local mail catcher, whose catch admins read under Admin → Mail.
// Settings come from the environment (see .env.example).
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const DIST = 'dist/api/apps/api/src';

function run(name, command) {
  console.log(`\n=== ${name}`);
  const { status } = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env });
  if (status !== 0) {
    console.error(`${name} failed`);
    process.exit(status ?? 1);
  }
}

run('services', ['bash', 'tools/ensure-services.sh']);
run('build', ['npx', 'nx', 'run-many', '-t', 'build', '--output-style=static']);
run('database setup', ['node', `${DIST}/cli/db-setup.js`]);
run('migrations', ['node', `${DIST}/cli/migrate.js`, 'run']);
run('demo data', ['node', `${DIST}/cli/seed.js`]);

const mailCatcher = !env.SMTP_HOST && env.NODE_ENV !== 'production';
const services = [
  ...(mailCatcher ? [{ name: 'mail catcher', command: ['node', `${DIST}/cli/mail-catcher.js`] }] : []),
  { name: 'api', command: ['node', `${DIST}/main.js`] },
  { name: 'worker', command: ['node', `${DIST}/worker.js`] },
];
const processes = services.map(({ name, command }) => {
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env });
  child.on('exit', (code, signal) => {
    console.log(`${name} exited (${signal ?? code})`);
    stopAll();
    process.exitCode = code ?? 0;
  });
  return child;
});
console.log(`\nLiaison is starting on http://localhost:${env.PORT ?? 3000} (Ctrl-C to stop)`);

let stopping = false;
function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const child of processes) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
