import { canChangeRole, canManageRole, ROLES } from './role';

describe('who manages which accounts', () => {
  it('admins manage every role', () => {
    for (const role of ROLES) expect(canManageRole('admin', role)).toBe(true);
  });

  it('the secretariat manages focal points and coordinators only', () => {
    expect(ROLES.filter((role) => canManageRole('secretariat', role))).toEqual(['coordinator', 'focal_point']);
  });

  it('coordinators and focal points manage nobody', () => {
    for (const actor of ['coordinator', 'focal_point'] as const) {
      expect(ROLES.some((role) => canManageRole(actor, role))).toBe(false);
    }
  });

  it('only an admin grants or removes the admin and secretariat roles', () => {
    expect(canChangeRole('secretariat', 'focal_point', 'coordinator')).toBe(true);
    expect(canChangeRole('secretariat', 'coordinator', 'secretariat')).toBe(false);
    expect(canChangeRole('secretariat', 'secretariat', 'focal_point')).toBe(false);
    expect(canChangeRole('admin', 'focal_point', 'secretariat')).toBe(true);
  });
});
