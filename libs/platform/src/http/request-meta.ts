import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuditContext } from '../audit/audit.service';

/** Where a request comes from: what the audit log keeps of it, and the user agent sessions record. */
export interface RequestMetadata extends Required<Pick<AuditContext, 'ip' | 'requestId'>> {
  userAgent: string | null;
}

/** The client address (X-Forwarded-For is believed only from TRUSTED_PROXIES), the request id, the user agent. */
export function requestMetaOf(request: Request): RequestMetadata {
  const id = (request as Request & { id?: unknown }).id;
  return {
    ip: request.ip ?? null,
    requestId: id === undefined ? null : String(id),
    userAgent: request.get('user-agent') ?? null,
  };
}

/**
 * `@RequestMeta() meta: RequestMetadata` in a controller method: the one way a controller reads where a
 * request comes from, to pass to the service that audits it (an `AuditContext` as it is).
 */
export const RequestMeta = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestMetaOf(context.switchToHttp().getRequest<Request>()),
);
