import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { RefusalAudit } from '../audit/refusal-audit';
import { PROBLEM_CONTENT_TYPE, ProblemDocument, ProblemException, ProblemType } from './problem';
import { requestMetaOf } from './request-meta';

/** Errors raised by the body parser before any route runs. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

function titleOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** Maps anything thrown to a problem document. Unknown errors become a bare 500 and are logged in full. */
export function toProblem(error: unknown): ProblemDocument {
  if (error instanceof ProblemException) return { ...error.problem, status: error.getStatus() };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
    return {
      type: 'about:blank',
      title: titleOf(status),
      status,
      ...(detail && detail !== titleOf(status) ? { detail } : {}),
    };
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.parse.failed') {
      return {
        type: ProblemType.malformedJson,
        title: 'The request body is not valid JSON',
        status: HttpStatus.BAD_REQUEST,
        errors: [{ field: 'body', message: 'must be well-formed JSON' }],
      };
    }
    if (error.type === 'entity.too.large') {
      return {
        type: ProblemType.payloadTooLarge,
        title: 'The request body is too large',
        status: HttpStatus.PAYLOAD_TOO_LARGE,
      };
    }
    if (error.status >= 400 && error.status < 500) {
      return { type: 'about:blank', title: titleOf(error.status), status: error.status };
    }
  }
  if (isPoolExhausted(error)) {
    // Every database connection stayed busy for the whole wait: the node is overloaded, not broken.
    return {
      type: ProblemType.overloaded,
      title: 'The service is busy',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: 'Too many requests are being served right now. Try again shortly.',
      retryAfterMs: 1000,
    };
  }
  return { type: 'about:blank', title: titleOf(500), status: HttpStatus.INTERNAL_SERVER_ERROR };
}

/** pg-pool's error when no connection freed up within connectionTimeoutMillis. */
function isPoolExhausted(error: unknown): boolean {
  return error instanceof Error && error.message === 'timeout exceeded when trying to connect';
}

export function sendProblem(request: Request, response: Response, problem: ProblemDocument): void {
  const requestId = (request as Request & { id?: unknown }).id;
  // A rate-limited caller is told when to come back, in seconds as HTTP says.
  if (typeof problem.retryAfterMs === 'number')
    response.setHeader('Retry-After', String(Math.ceil(problem.retryAfterMs / 1000)));
  response
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        ...problem,
        instance: request.originalUrl.split('?')[0],
        ...(requestId !== undefined ? { requestId: String(requestId) } : {}),
      }),
    );
}

/**
 * Every HTTP error leaves the API as RFC 9457 problem+json. Each 403 (an action refused on something the
 * caller can see) is audited through `refusals`, which caps how many per source reach the chain.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly refusals?: RefusalAudit) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblem(error);
    if (problem.type === ProblemType.overloaded)
      this.logger.warn(`overloaded: ${request.method} ${request.path} answered 503`);
    else if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (problem.status === HttpStatus.FORBIDDEN) this.auditForbidden(request, problem);
    if (response.headersSent) return;
    sendProblem(request, response, problem);
  }

  /** Written after the answer, never delaying or failing it. Route parameters named like secrets are redacted. */
  private auditForbidden(request: Request, problem: ProblemDocument): void {
    if (!this.refusals) return;
    const user = (request as Request & { user?: { id?: unknown } }).user;
    const route = (request as Request & { route?: { path?: unknown } }).route?.path;
    void this.refusals.record({
      action: 'access.forbidden',
      actorId: typeof user?.id === 'string' ? user.id : null,
      ...requestMetaOf(request),
      targetType: 'route',
      targetId: `${request.method} ${typeof route === 'string' ? route : request.path}`,
      details: { params: { ...request.params }, reason: problem.detail ?? problem.title },
    });
  }
}
