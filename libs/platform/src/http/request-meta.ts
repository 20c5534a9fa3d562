import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuditContext } from '../audit/audit.service';

/** The client address (X-Forwarded-For is believed only from TRUSTED_PROXIES) and the request id. */
export function requestMetaOf(request: Request): Required<Pick<AuditContext, 'ip' | 'requestId'>> {
  const id = (request as Request & { id?: unknown }).id;
  return { ip: request.ip ?? null, requestId: id === undefined ? null : String(id) };
}

/** `@RequestMeta() meta: AuditContext` in a controller method. */
export const RequestMeta = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestMetaOf(context.switchToHttp().getRequest<Request>()),
);
