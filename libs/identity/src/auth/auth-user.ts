import type { Role } from '@liaison/contracts';

/** Who is calling, as the access guard established it from a valid token of a live session. */
export interface AuthUser {
  id: string;
  sessionId: string;
  role: Role;
  email: string;
}
