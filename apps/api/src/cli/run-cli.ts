import { ConfigValidationError } from '@liaison/platform';

/** Runs a command-line task: one readable error line, a non-zero exit code, no stack for config errors. */
export function runCli(task: () => Promise<void>): void {
  task().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof ConfigValidationError ? error.message : `error: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
