import { directoryEntities } from '@liaison/directory';
import { helpdeskEntities } from '@liaison/helpdesk';
import { identityEntities } from '@liaison/identity';
import { meetingsEntities } from '@liaison/meetings';
import { messagingEntities } from '@liaison/messaging';
import { notificationsEntities } from '@liaison/notifications';
import type { EntityList } from '@liaison/platform';

/** Feature libraries' entities, in the order their libraries depend on each other. */
export const featureEntities: EntityList = [
  ...identityEntities,
  ...notificationsEntities,
  ...directoryEntities,
  ...messagingEntities,
  ...helpdeskEntities,
  ...meetingsEntities,
];
