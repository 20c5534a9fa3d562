import { AuditLog1795845513500 } from './1795845513500-audit-log';
import { Identity1795846897453 } from './1795846897453-identity';
import { Directory1795848704915 } from './1795848704915-directory';
import { Notifications1795854787057 } from './1795854787057-notifications';
import { Messaging1795855744827 } from './1795855744827-messaging';
import { MessageSearch1795856485035 } from './1795856485035-message-search';
import { OneTimeLinksByMail1796000000000 } from './1796000000000-one-time-links-by-mail';
import { AuditCheckpoints1796478813705 } from './1796478813705-audit-checkpoints';
import { Meetings1796505411036 } from './1796505411036-meetings';
import { Helpdesk1796505607609 } from './1796505607609-helpdesk';
import { WorkingCalendar1796509291574 } from './1796509291574-working-calendar';
import { HelpdeskSla1796509523110 } from './1796509523110-helpdesk-sla';
import { HelpdeskQueueOrder1796510744484 } from './1796510744484-helpdesk-queue-order';
import { DirectoryEditing1796524988177 } from './1796524988177-directory-editing';
import { MessagePath1796546000000 } from './1796546000000-message-path';
import { HelpdeskDueOrder1796546900000 } from './1796546900000-helpdesk-due-order';
import { HelpdeskStatistics1796547000000 } from './1796547000000-helpdesk-statistics';

/** Every migration, in order. A new migration file is added here too (db:generate prints the line). */
export const migrations = [
  AuditLog1795845513500,
  Identity1795846897453,
  Directory1795848704915,
  Notifications1795854787057,
  Messaging1795855744827,
  MessageSearch1795856485035,
  OneTimeLinksByMail1796000000000,
  AuditCheckpoints1796478813705,
  Meetings1796505411036,
  Helpdesk1796505607609,
  WorkingCalendar1796509291574,
  HelpdeskSla1796509523110,
  HelpdeskQueueOrder1796510744484,
  DirectoryEditing1796524988177,
  MessagePath1796546000000,
  HelpdeskDueOrder1796546900000,
  HelpdeskStatistics1796547000000,
];
