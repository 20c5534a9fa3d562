/** The meetings API as the pages use it: shared query options and the types of its answers. */
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type Answer, api, type Payload, unwrap } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { realtime } from '../../realtime';

export type Meeting = Answer<'/api/meetings/{id}', 'get'>;
export type Occurrence = Meeting['occurrences'][number];
export type AgendaItem = Answer<'/api/meetings/agenda', 'get'>[number];
export type AnswerView = Answer<'/api/meetings/{id}/answers', 'get'>[number];
export type Slots = Answer<'/api/meeting-slots', 'post'>;
export type Slot = Slots['slots'][number];
export type ScheduleBody = Payload<'/api/meetings', 'post'>;
export type Invitees = ScheduleBody['invitees'];
export type AnswerChoice = NonNullable<Meeting['myAnswer']>;

export const ANSWER_CHOICES: readonly AnswerChoice[] = ['accepted', 'tentative', 'declined'];

export const agendaQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: queryKeys.meetings.agenda(from, to),
    queryFn: ({ signal }) => unwrap(api.GET('/api/meetings/agenda', { params: { query: { from, to } }, signal })),
  });

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.meetings.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/meetings/{id}', { params: { path: { id } }, signal })),
  });

export const answersQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.meetings.answers(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/meetings/{id}/answers', { params: { path: { id } }, signal })),
  });

/**
 * Reloads what the meetings pages show when a meeting notification arrives (an invitation, a change, a
 * cancellation, minutes): the agenda and the meeting follow without a reload.
 */
export function useMeetingsFollowNotifications(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      realtime.on('notification.created', ({ notification }) => {
        if (notification.kind.startsWith('meeting.'))
          void client.invalidateQueries({ queryKey: queryKeys.meetings.all() });
      }),
    [client],
  );
}

/** The meeting's calendar entry, downloaded as a file (the API wants the session's token: no plain link). */
export async function downloadCalendar(id: string, title: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/meetings/{id}/calendar.ics', {
      params: { path: { id } },
      parseAs: 'blob',
      headers: { Accept: 'text/calendar' },
    }),
  );
  const url = URL.createObjectURL(new Blob([blob as BlobPart], { type: 'text/calendar' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'meeting'}.ics`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
