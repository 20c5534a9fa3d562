import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newTotpSecret, Role, totpCode, totpSecretContext } from '@liaison/identity';
import { Keyring } from '@liaison/platform';
import { User } from './entities';

/** The password of every factory user; its argon2id hash (19 MiB, t=2) is precomputed so suites stay fast. */
export const TEST_PASSWORD = 'Tamarin-Lagoon-Baobab-42';
const TEST_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,p=1,t=2$7o2MF4e84n3oS+uOaRZnRA$birXsECzpgKBTjdMcpfioY5VQRqR1xWc7NqVR8euu1M';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  password: string;
  totpSecret: string;
  /** The TOTP code for a moment; pass a moment 30 s later for a second, distinct code. */
  code(at?: Date): string;
}

/** Inserts an active user of `role` with a unique e-mail address, straight into PostgreSQL. */
export async function createUser(
  app: INestApplicationContext,
  role: Role,
  overrides: Partial<User> = {},
): Promise<TestUser> {
  const totpSecret = newTotpSecret();
  const email = `${role.replace('_', '-')}-${randomUUID().slice(0, 8)}@test.liaison.example`;
  const id = overrides.id ?? randomUUID();
  const user = await app
    .get(DataSource)
    .getRepository(User)
    .save({
      id,
      email,
      displayName: `Test ${role}`,
      role,
      passwordHash: TEST_PASSWORD_HASH,
      totpSecret: app.get(Keyring).encrypt(totpSecret, totpSecretContext(id)),
      totpSecretBound: true,
      authorityId: role === 'admin' || role === 'secretariat' ? null : randomUUID(),
      ...overrides,
    });
  return {
    id: user.id,
    email,
    role,
    password: TEST_PASSWORD,
    totpSecret,
    code: (at = new Date()) => totpCode(totpSecret, at),
  };
}
