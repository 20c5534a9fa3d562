/**
 * The lists several screens show, as query options: whoever shows them shares one cache entry, so a screen
 * fetches each once however many of its parts need it.
 */
import { queryOptions } from '@tanstack/react-query';
import { api, type Answer, unwrap } from './client';
import type { operations } from './schema';
import { queryKeys } from './query-keys';

type AuthoritySummary = Answer<'/api/authorities', 'get'>['items'][number];

export const statesQuery = () =>
  queryOptions({ queryKey: queryKeys.states(), queryFn: ({ signal }) => unwrap(api.GET('/api/states', { signal })) });

/** The networks the signed-in user belongs to (the home page, the forums, coordination, the inbox). */
export const myNetworksQuery = () =>
  queryOptions({
    queryKey: queryKeys.networks.mine(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/networks/mine', { signal })),
  });

/** Every network (filters and pickers). */
export const networksQuery = () =>
  queryOptions({
    queryKey: queryKeys.networks.list(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/networks', { signal })),
  });

export const networkQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.networks.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/networks/{id}', { params: { path: { id } }, signal })),
  });

/** Every authority matching a query, following the cursor (the directory pages by 100 at most). */
export async function allAuthorities(query: { network?: string }, signal?: AbortSignal): Promise<AuthoritySummary[]> {
  const items: AuthoritySummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const answer = await unwrap(
      api.GET('/api/authorities', { params: { query: { ...query, limit: 100, cursor } }, signal }),
    );
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return items;
}

export const everyAuthorityQuery = (network: string | null = null) =>
  queryOptions({
    queryKey: queryKeys.authorities.every(network),
    queryFn: ({ signal }) => allAuthorities(network ? { network } : {}, signal),
  });

export type StatisticsQuery = NonNullable<operations['StatisticsController_get']['parameters']['query']>;

/** The helpdesk's statistics for some filters (the secretariat's and coordinators' statistics page). */
export const statisticsQuery = (query: StatisticsQuery) =>
  queryOptions({
    queryKey: queryKeys.statistics(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/helpdesk/statistics', { params: { query }, signal })),
  });

/** A helpdesk ticket as its viewer may see it. */
export const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.helpdesk.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/helpdesk/tickets/{id}', { params: { path: { id } }, signal })),
  });

/** The active secretariat members: whom a ticket may be assigned to (the secretariat's own pickers). */
export const secretariatMembersQuery = () =>
  queryOptions({
    queryKey: queryKeys.helpdesk.secretariat(),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/users', { params: { query: { role: 'secretariat', status: 'active' } }, signal })),
  });
