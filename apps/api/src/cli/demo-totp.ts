import { totpCode } from '@liaison/identity';
import { DEMO_USERS } from './demo-users';

/** `npm run demo:totp -- <email>`: the current code of a demo user, for trying the sign-in without a phone. */
const email = process.argv[2];
const demo = DEMO_USERS.find((user) => user.email === email);
if (!demo) {
  console.error(`usage: demo:totp <email>, one of:\n${DEMO_USERS.map((user) => `  ${user.email}`).join('\n')}`);
  process.exit(1);
}
console.log(totpCode(demo.totpSecret, new Date()));
