import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  AppConfig,
  createValidationPipe,
  ProblemDetailsFilter,
  RefusalAudit,
  sendProblem,
  toProblem,
} from '@liaison/platform';
import { RealtimeIoAdapter } from '@liaison/realtime';
import { serveWebApp } from './web/serve-web-app';

/** Content-Security-Policy of every response: nothing inline, nothing from elsewhere, never framed. */
export function contentSecurityPolicy(config: AppConfig, relaxStyles = false) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Swagger UI alone sets inline styles; the app itself never does.
      styleSrc: relaxStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: config.isProduction ? [] : null,
    },
  };
}

/** The routes under /api; the health checks stay at the root, where load balancers look for them. */
export function setApiPrefix(app: NestExpressApplication): void {
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
}

/**
 * The OpenAPI document of the app's routes, served at /api/docs and written by `cli/openapi.ts` for the web
 * app's generated types. Call after setApiPrefix(), so that the paths carry the prefix.
 */
export function openApiDocument(app: NestExpressApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Liaison API')
      .setDescription('Secure network platform for international cooperation in criminal matters')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}

/**
 * Everything about the HTTP edge, applied the same way by main.ts and by the tests, so that what is tested
 * is what runs. Call before app.init()/listen().
 */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only when the peer is a configured proxy; otherwise req.ip is the peer.
  app.set('trust proxy', config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false);

  app.use(
    helmet({
      contentSecurityPolicy: contentSecurityPolicy(config),
      strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.enableCors({ origin: config.CORS_ORIGINS, credentials: true, maxAge: 600 });
  app.use(cookieParser());
  app.useBodyParser('json', { limit: config.BODY_LIMIT });
  // Body-parser errors happen before Nest's router and its filters: answer them as problems here.
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    sendProblem(request, response, toProblem(error));
  });

  setApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(app.get(RefusalAudit)));

  if (config.OPENAPI_ENABLED) {
    const document = openApiDocument(app);
    app.use('/api/docs', helmet.contentSecurityPolicy(contentSecurityPolicy(config, true)));
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }

  serveWebApp(app, config);
}
