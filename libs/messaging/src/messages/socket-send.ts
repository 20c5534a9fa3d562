import { ValidationProblem } from '@liaison/platform';
import { MAX_BODY } from './messages.dto';

export interface SocketSend {
  threadId: string;
  clientId: string;
  body: string;
  mentions?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = new Set(['threadId', 'clientId', 'body', 'mentions']);
const MAX_MENTIONS = 20;

/**
 * The socket's `message.send` payload, checked by hand: the same rules as `SocketSendDto` (unknown fields
 * refused, the first failing rule named per field) without class-transformer and class-validator, which
 * cost more than the rest of the handler on the hottest event. The REST route keeps the DTO.
 */
export function parseSocketSend(payload: unknown): SocketSend {
  const problems: { field: string; message: string }[] = [];
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new ValidationProblem([{ field: 'body', message: 'the payload must be an object' }]);
  const input = payload as Record<string, unknown>;
  for (const key of Object.keys(input))
    if (!FIELDS.has(key)) problems.push({ field: key, message: `property ${key} should not exist` });
  const { threadId, clientId, body, mentions } = input;
  if (typeof body !== 'string') problems.push({ field: 'body', message: 'body must be a string' });
  else if (body.trim().length === 0) problems.push({ field: 'body', message: 'must not be empty' });
  else if (body.length > MAX_BODY)
    problems.push({ field: 'body', message: `body must be shorter than or equal to ${MAX_BODY} characters` });
  if (typeof clientId !== 'string' || !UUID.test(clientId))
    problems.push({ field: 'clientId', message: 'clientId must be a UUID' });
  if (mentions !== undefined && mentions !== null) {
    if (!Array.isArray(mentions)) problems.push({ field: 'mentions', message: 'mentions must be an array' });
    else if (mentions.length > MAX_MENTIONS)
      problems.push({ field: 'mentions', message: `mentions must contain no more than ${MAX_MENTIONS} elements` });
    else if (!mentions.every((id) => typeof id === 'string' && UUID.test(id)))
      problems.push({ field: 'mentions', message: 'each value in mentions must be a UUID' });
  }
  if (typeof threadId !== 'string' || !UUID.test(threadId))
    problems.push({ field: 'threadId', message: 'threadId must be a UUID' });
  if (problems.length > 0) throw new ValidationProblem(problems);
  return {
    threadId: threadId as string,
    clientId: clientId as string,
    body: body as string,
    mentions: (mentions ?? undefined) as string[] | undefined,
  };
}
