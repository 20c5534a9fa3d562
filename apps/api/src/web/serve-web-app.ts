import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@liaison/platform';

const NOT_THE_APP = /^\/(api|health|socket\.io)(\/|$)/;

/**
 * Serves the built single-page app from the API's own origin: hashed assets cached for a year, and
 * index.html (never cached) for any other page the router owns.
 */
export function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const root = resolve(config.WEB_DIST_DIR);
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`no web app at ${root} (run the web build); serving the API only`);
    return;
  }
  app.useStaticAssets(join(root, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    fallthrough: false,
  });
  app.useStaticAssets(root, { index: false, maxAge: 0 });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') && request.accepts(['html', 'json']) === 'html';
    if (!wantsPage || NOT_THE_APP.test(request.path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
