import type { EntityList } from '@liaison/platform';
import { RecoveryCode } from './credentials/recovery-code.entity';
import { AccountLink } from './links/account-link.entity';
import { RefreshToken } from './sessions/refresh-token.entity';
import { Session } from './sessions/session.entity';
import { User } from './users/user.entity';

export const identityEntities = [User, AccountLink, Session, RefreshToken, RecoveryCode] satisfies EntityList;
