import type { Role } from '@liaison/identity';

/**
 * DEMO DATA — invented people at a reserved domain (.example), for trying the platform locally. Their
 * passwords and TOTP secrets are public (README), which is why the seed refuses to run in production.
 * Add a secret to an authenticator app, or compute the current code with `npm run demo:totp -- <email>`.
 */
export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  totpSecret: string;
  /** key of a demo authority (demo-directory.ts) */
  authority?: string;
  /** slugs of the demo networks the user belongs to */
  networks?: string[];
  /** slugs of the demo networks the user coordinates */
  coordinates?: string[];
}

export const DEMO_USERS: DemoUser[] = [
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
    authority: 'mu',
    networks: ['ioc-judicial-platform'],
    coordinates: ['ioc-judicial-platform'],
  },
  {
    email: 'focal.point.sahel@demo.liaison.example',
    displayName: 'Demo Focal Point (Sahel)',
    role: 'focal_point',
    password: 'Demo-FocalPoint-Niger-2026',
    totpSecret: 'ONSWG4TFORRW63LQONSWG4TFORRW63LQ',
    authority: 'ml',
    networks: ['sahel-judicial-platform'],
  },
  {
    email: 'coordinator.sahel@demo.liaison.example',
    displayName: 'Demo Coordinator (Sahel)',
    role: 'coordinator',
    password: 'Demo-Coordinator-Bamako-2026',
    totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    authority: 'ne',
    networks: ['sahel-judicial-platform'],
    coordinates: ['sahel-judicial-platform'],
  },
  {
    email: 'focal.point.ioc@demo.liaison.example',
    displayName: 'Demo Focal Point (Seychelles)',
    role: 'focal_point',
    password: 'Demo-FocalPoint-Mahe-2026',
    totpSecret: 'NBSWY3DPO5XXE3DEEBQW4ZBAONUWG3TB',
    authority: 'sc',
    networks: ['ioc-judicial-platform'],
  },
  {
    email: 'focal.point.paris@demo.liaison.example',
    displayName: 'Demo Focal Point (Paris)',
    role: 'focal_point',
    password: 'Demo-FocalPoint-Paris-2026',
    totpSecret: 'KNSWMZLUPFWGS3TLKNSWMZLUPFWGS3TL',
    authority: 'fr',
    networks: ['ioc-judicial-platform'],
  },
];
