import { NestFactory } from '@nestjs/core';
import { AppConfig, AuditCheckpoints, CheckpointProblem, DatabaseConnector } from '@liaison/platform';
import { AuditCliModule } from './audit-cli.module';
import { runCli } from './run-cli';

function describeProblem(problem: CheckpointProblem): string {
  switch (problem.reason) {
    case 'checkpoint-forged':
      return `checkpoint ${problem.checkpointId} FORGED: its MAC does not verify`;
    case 'chain-rewritten':
      return `audit log REWRITTEN: entry id ${problem.entryId} no longer has the hash checkpoint ${problem.checkpointId} recorded (the chain was recomputed)`;
    case 'entry-missing':
      return `audit log entry id ${problem.entryId}, recorded by checkpoint ${problem.checkpointId}, is MISSING`;
    case 'tail-truncated':
      return `audit log TRUNCATED: checkpoint ${problem.checkpointId} recorded entry id ${problem.entryId}, the newest left is ${problem.newestEntryId}`;
  }
}

/**
 * `npm run audit:verify`: walks the audit chain and checks it against the keyed checkpoints the worker
 * writes; exits 1 naming what is wrong: a broken link, a chain rewritten and recomputed, newest entries
 * dropped, or a forged checkpoint. A checkpoint whose master key has left the keyring is reported as
 * unverifiable, which is not a failure.
 */
runCli(async () => {
  const app = await NestFactory.createApplicationContext(AuditCliModule, { logger: ['error', 'warn'] });
  try {
    if (!app.get(DatabaseConnector).connected) throw new Error('PostgreSQL is unreachable');
    const { chain, checkpoints } = await app.get(AuditCheckpoints).verify();
    if (!chain.ok) {
      console.error(
        `audit log BROKEN at entry id ${chain.firstBad.id} (${chain.firstBad.reason}); the ${chain.entries} entries before it are intact`,
      );
      process.exitCode = 1;
    }
    for (const problem of checkpoints.problems) console.error(describeProblem(problem));
    if (checkpoints.problems.length > 0) process.exitCode = 1;
    if (checkpoints.unverifiable.length > 0) {
      const keys = [...new Set(checkpoints.unverifiable.map((checkpoint) => checkpoint.keyId))].join(', ');
      console.log(
        `${checkpoints.unverifiable.length} checkpoint(s) UNVERIFIABLE: their key (${keys}) is no longer in ENCRYPTION_KEYRING`,
      );
    }
    const interval = app.get(AppConfig).AUDIT_CHECKPOINT_INTERVAL_MS;
    const age = checkpoints.newestAt ? Date.now() - checkpoints.newestAt.getTime() : null;
    if (age === null || age > 2 * interval + 60_000)
      console.warn(
        `warning: ${age === null ? 'no checkpoint yet' : `the newest checkpoint is ${Math.round(age / 1000)} s old`}; entries after it are anchored by nothing (is the worker running?)`,
      );
    if (chain.ok && checkpoints.problems.length === 0)
      console.log(`audit log intact: ${chain.entries} entries; ${checkpoints.verified} checkpoint(s) verified`);
  } finally {
    await app.close();
  }
});
