import './directory-events';

export { DirectoryModule } from './directory.module';
export { DirectoryHttpModule } from './directory-http.module';
export { directoryEntities } from './directory-entities';
export { CATEGORIES, CHANNELS, CLOSED_WEEK, WEEKDAYS } from '@liaison/contracts';
export type { Category, Channel, OfficeHours, OpeningInterval, Weekday } from '@liaison/contracts';
export type { ContactDetails } from './authorities/authority.entity';
export { scheduleFor } from './schedule/office-hours';
export type { MemberAdded, MemberRemoved } from './directory-events';
