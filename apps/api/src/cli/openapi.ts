import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configFromProcessEnv } from '@liaison/platform';
import { AppModule } from '../app.module';
import { openApiDocument, setApiPrefix } from '../configure-app';
import { runCli } from './run-cli';

/** Objects with their keys sorted, at every depth; arrays keep their order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * `node dist/api/apps/api/src/cli/openapi.js [out.json]` (default dist/openapi.json): writes the OpenAPI
 * document that /api/docs serves, keys sorted so that the output is stable. `npm run api:types` turns it
 * into apps/web/src/api/schema.d.ts.
 *
 * It connects to nothing: the app is created but never initialised, so no module's onModuleInit runs (no
 * PostgreSQL connect, no Redis client) and nothing listens.
 */
runCli(async () => {
  const out = resolve(process.argv[2] ?? 'dist/openapi.json');
  configFromProcessEnv();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    logger: false,
    abortOnError: false,
  });
  try {
    setApiPrefix(app);
    const document = openApiDocument(app);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(sortKeys(document), null, 2)}\n`);
    console.log(`OpenAPI document written to ${out}`);
  } finally {
    await app.close();
  }
});
