import type { Role } from '@liaison/identity';

/**
 * DEMO DATA — invented people at a reserved domain (.example), for trying the platform locally. Their
 * passwords and TOTP secrets are public (README), which is why the seed refuses to run in production.
 * Add a secret to an authenticator app, or compute the current code with `npm run demo:totp -- <email>`.
 */
export const DEMO_USERS: { email: string; displayName: string; role: Role; password: string; totpSecret: string }[] = [
  {
    email: 'admin@demo.liaison.example',
    displayName: 'Demo Admin',
    role: 'admin',
    password: 'Demo-Admin-Tamarin-2026',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  {
    email: 'secretariat@demo.liaison.example',
    displayName: 'Demo Secretariat',
    role: 'secretariat',
    password: 'Demo-Secretariat-Baobab-2026',
    totpSecret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
  },
  {
    email: 'coordinator.ioc@demo.liaison.example',
    displayName: 'Demo Coordinator (IOC)',
    role: 'coordinator',
    password: 'Demo-Coordinator-Lagoon-2026',
    totpSecret: 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK',
  },
  {
    email: 'focal.point.sahel@demo.liaison.example',
    displayName: 'Demo Focal Point (Sahel)',
    role: 'focal_point',
    password: 'Demo-FocalPoint-Niger-2026',
    totpSecret: 'ONSWG4TFORRW63LQONSWG4TFORRW63LQ',
  },
];
