import { EntityManager } from 'typeorm';
import type { AuthUser, PeopleService } from '@liaison/identity';
import { Authority } from '../authorities/authority.entity';

export const STAFF = ['admin', 'secretariat'] as const;

export const isStaff = (user: AuthUser): boolean => (STAFF as readonly string[]).includes(user.role);

/**
 * The authorities whose records `user` may propose changes to, and whose proposals they see: their own
 * authority's, and, for a focal point of a State's central authority, every authority of that State.
 * Staff edit directly and propose nothing; they see every proposal.
 */
export async function proposableBy(
  user: AuthUser,
  people: PeopleService,
  manager: EntityManager,
): Promise<{ authorityId: string; stateCode: string | null } | null> {
  if (user.role !== 'focal_point' && user.role !== 'coordinator') return null;
  const person = await people.get(user.id, manager);
  if (!person?.authorityId || person.status !== 'active') return null;
  const own = await manager.findOne(Authority, { where: { id: person.authorityId } });
  if (!own) return null;
  return { authorityId: own.id, stateCode: own.centralAuthority ? own.stateCode : null };
}

export function mayPropose(
  scope: { authorityId: string; stateCode: string | null } | null,
  authority: Pick<Authority, 'id' | 'stateCode'>,
): boolean {
  if (!scope) return false;
  return scope.authorityId === authority.id || scope.stateCode === authority.stateCode;
}
