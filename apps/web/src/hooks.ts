import {
  type QueryKey,
  skipToken,
  useInfiniteQuery,
  type UseInfiniteQueryResult,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from './api/problem';
import { browserTimeZone, isTimeZone } from './format';
import { useSession } from './session';

export type Resource<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

/** A query's state as the pages show it: a reload after a failure shows "loading", one after data keeps it. */
function resourceOf<T>(query: UseQueryResult<T> | UseInfiniteQueryResult<unknown>, data: T | undefined): Resource<T> {
  if (query.isPending) return { status: 'loading' };
  const nextPageFailed = 'isFetchNextPageError' in query && query.isFetchNextPageError;
  if (query.isError && !nextPageFailed) {
    return query.isFetching ? { status: 'loading' } : { status: 'error', error: query.error };
  }
  return data === undefined ? { status: 'loading' } : { status: 'ready', data };
}

/**
 * A query (key and fetch, or shared options from `./api/queries.ts`) as a resource: loads again when the key
 * changes, and shares the entry with every other part of the page that asks for the same key. `null` loads
 * nothing.
 */
export function useQueryResource<T, K extends QueryKey = QueryKey>(given: UseQueryOptions<T, Error, T, K> | null) {
  const client = useQueryClient();
  const options = given as UseQueryOptions<T, Error, T, QueryKey> | null;
  const query = useQuery<T, Error, T, QueryKey>(options ?? { queryKey: ['disabled'], queryFn: skipToken });
  const resource = resourceOf(query, options ? query.data : undefined);
  const { refetch } = query;
  const queryKey = options?.queryKey;
  const reload = useCallback(() => void refetch(), [refetch]);
  /** Changes the cached data in place (after an edit the API confirmed). */
  const update = (change: (data: T) => T) => {
    if (queryKey) client.setQueryData<T>(queryKey, (data) => (data === undefined ? data : change(data)));
  };
  return { resource, reload, update };
}

/** `useQueryResource` for a key from `./api/query-keys.ts` and the function that fetches it. */
export function useResource<T>(queryKey: QueryKey | null, load: (signal: AbortSignal) => Promise<T>) {
  return useQueryResource<T>(queryKey ? { queryKey, queryFn: ({ signal }) => load(signal) } : null);
}

/** The zone to show times in: the profile's when signed in, else this device's. */
export function useViewerZone(): string {
  const session = useSession();
  const zone = session.status === 'signed-in' ? session.user.timeZone : null;
  return isTimeZone(zone) ? zone : browserTimeZone();
}

/** The current time, updated every `intervalMs` (for "5 minutes ago"). */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** `<title>`: the page's name, then the app's. */
export function useDocumentTitle(title: string | null): void {
  const { t } = useTranslation();
  const full = title ? t('app.documentTitle', { title }) : t('app.name');
  useEffect(() => {
    document.title = full;
  }, [full]);
}

/** Runs one submission at a time and tracks whether it is running. */
export function useBusy(): [boolean, (task: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = useCallback(async (task: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await task();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return [busy, run];
}

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A keyset-paginated list (an infinite query): the first page as a resource, then "load more" appending the
 * following pages. A failed "load more" keeps what is shown and reports `error`.
 */
export function useKeysetPages<T, P extends KeysetPage<T> = KeysetPage<T>>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | null, signal?: AbortSignal) => Promise<P>,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const pages = query.data?.pages;
  const { refetch, fetchNextPage } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const first = { resource: resourceOf<P>(query, pages?.[0]), reload };
  const items = pages ? pages.flatMap((page) => page.items) : [];
  const nextCursor = pages ? (pages[pages.length - 1]?.nextCursor ?? null) : null;
  const loadMore = async () => {
    if (query.isFetchingNextPage) return;
    await fetchNextPage();
  };
  const error = query.isFetchNextPageError ? messageOf(query.error) : null;
  return { first, items, nextCursor, loadMore, busy: query.isFetchingNextPage, error };
}
