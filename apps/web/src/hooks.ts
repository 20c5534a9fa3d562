import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from './api/problem';
import { browserTimeZone, isTimeZone } from './format';
import { useSession } from './session';

export type Resource<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

interface Loaded<T> {
  key: string;
  attempt: number;
  result: { ok: true; data: T } | { ok: false; error: unknown };
}

/**
 * Data from the API for a key (usually the URL it comes from): loads again when the key changes, drops the
 * answers of requests that were superseded, and aborts them. `key: null` loads nothing.
 */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const run = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => setLoaded({ key, attempt, result: { ok: true, data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key, attempt, result: { ok: false, error } });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  let resource: Resource<T> = { status: 'loading' };
  if (loaded && loaded.key === key) {
    resource = loaded.result.ok
      ? { status: 'ready', data: loaded.result.data }
      : { status: 'error', error: loaded.result.error };
    // A failed reload shows the failure; a reload in progress keeps showing the data it replaces.
    if (!loaded.result.ok && loaded.attempt !== attempt) resource = { status: 'loading' };
  }

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  /** Changes the data in place (after an edit the API confirmed). */
  const update = useCallback(
    (change: (data: T) => T) =>
      setLoaded((current) =>
        current && current.result.ok
          ? { ...current, result: { ok: true, data: change(current.result.data) } }
          : current,
      ),
    [],
  );
  return { resource, reload, update };
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
 * A keyset-paginated list: the first page as a resource (reloaded when `key` changes), then "load more"
 * appending the following pages. A failed "load more" keeps what is shown and reports `error`.
 */
export function useKeysetPages<T>(
  key: string,
  fetchPage: (cursor: string | null, signal?: AbortSignal) => Promise<KeysetPage<T>>,
) {
  const first = useResource(key, (signal) => fetchPage(null, signal));
  const [more, setMore] = useState<KeysetPage<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const data = first.resource.status === 'ready' ? first.resource.data : null;
  const items = data ? [...data.items, ...(more?.items ?? [])] : [];
  const nextCursor = more ? more.nextCursor : (data?.nextCursor ?? null);
  const loadMore = () =>
    run(async () => {
      setError(null);
      try {
        const page = await fetchPage(nextCursor);
        setMore((current) => ({ items: [...(current?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
      } catch (caught) {
        setError(messageOf(caught));
      }
    });
  return { first, items, nextCursor, loadMore, busy, error };
}
