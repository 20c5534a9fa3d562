import { RecoveryCode } from './credentials/recovery-code.entity';
import { AccountLink } from './invitations/account-link.entity';
import { RefreshToken, Session } from './sessions/session.entity';
import { User } from './users/user.entity';

export const identityEntities = [User, AccountLink, Session, RefreshToken, RecoveryCode];
