import type { INestApplicationContext } from '@nestjs/common';

/**
 * On SIGTERM/SIGINT: stop taking work, let what is in flight finish (app.close runs every shutdown hook),
 * and exit. If that takes longer than `timeoutMs`, exit anyway so an orchestrator is not kept waiting.
 */
export function exitOnSignals(app: INestApplicationContext, timeoutMs: number): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    setTimeout(() => {
      console.error(`shutdown after ${signal} took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
