export const ROLES = ['admin', 'secretariat', 'coordinator', 'focal_point'] as const;
export type Role = (typeof ROLES)[number];

/** Global roles have no authority; the others belong to one authority of one State. */
export const GLOBAL_ROLES: readonly Role[] = ['admin', 'secretariat'];

/**
 * Who may act on accounts of which role: invite, suspend, reinstate, issue a reset link, or move an account
 * to or from that role. Only an admin touches admin and secretariat accounts; the secretariat manages
 * focal points and coordinators; nobody else manages anyone.
 */
export function canManageRole(actor: Role, target: Role): boolean {
  if (actor === 'admin') return true;
  if (actor === 'secretariat') return target === 'focal_point' || target === 'coordinator';
  return false;
}

/** Moving an account from one role to another needs power over both. */
export function canChangeRole(actor: Role, from: Role, to: Role): boolean {
  return canManageRole(actor, from) && canManageRole(actor, to);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The roles an actor may give (what the web app offers; the API enforces canManageRole). */
export function assignableRoles(actor: Role): Role[] {
  return ROLES.filter((target) => canManageRole(actor, target));
}
