import { MeetingAnswer } from './answers/meeting-answer.entity';
import { MeetingNotice } from './invitations/meeting-notice.entity';
import { MeetingOccurrence } from './meetings/meeting-occurrence.entity';
import { Meeting } from './meetings/meeting.entity';
import { MeetingReminder } from './reminders/meeting-reminder.entity';

// An array (not the platform's EntityList, which is not iterable) so the composition root can spread it.
export const meetingsEntities = [Meeting, MeetingOccurrence, MeetingAnswer, MeetingReminder, MeetingNotice];
