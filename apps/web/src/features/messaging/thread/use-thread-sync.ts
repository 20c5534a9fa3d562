import { useEffect, useEffectEvent, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { realtime } from '../../../realtime';
import { type MessageView, threadSync, useThreadMessages } from '../store';
import { withLatest } from '../store/timeline';
import { FALLBACK_AFTER_MS } from './shared';

/**
 * A thread's messages from `fromSeq` on, live: held by the sync module (across reconnections and
 * sign-ins), with the edits and deletions of any message (older ones too) by id.
 */
export function useThreadSync(threadId: string, fromSeq: number) {
  const held = useThreadMessages(threadId);
  const [changed, setChanged] = useState<ReadonlyMap<string, MessageView>>(() => new Map());

  useEffect(() => {
    void threadSync.watch(threadId, fromSeq);
    return () => threadSync.unwatch(threadId);
  }, [threadId, fromSeq]);

  useEffect(() => {
    const apply = (message: MessageView) => {
      if (message.threadId === threadId) setChanged((map) => withLatest(map, message));
    };
    const unsubscribers = [realtime.on('message.edited', apply), realtime.on('message.deleted', apply)];
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [threadId]);

  /** A message changed here (edited, deleted), as the API answered. */
  const change = (message: MessageView) => setChanged((map) => withLatest(map, message));
  return { held, changed, change };
}

/**
 * Without the realtime connection (down, or refused), the latest messages come from the API instead: when
 * they are not shown (`ready`) a few seconds after the view starts, they are fetched and given to `onLoaded`.
 * The sync module catches up once connected, and the two agree by seq. Returns the fetch's failure.
 */
export function useFallbackMessages(
  threadId: string,
  fromSeq: number,
  ready: boolean,
  onLoaded: (messages: MessageView[]) => void,
): unknown {
  const [error, setError] = useState<unknown>(null);
  const loaded = useEffectEvent(onLoaded);
  useEffect(() => {
    if (ready) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      unwrap(
        api.GET('/api/threads/{id}/messages', {
          params: { path: { id: threadId }, query: { after: fromSeq, limit: 200 } },
          signal: controller.signal,
        }),
      ).then(
        (page) => loaded(page.items),
        (caught: unknown) => {
          if (!controller.signal.aborted) setError(caught);
        },
      );
    }, FALLBACK_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [threadId, ready, fromSeq]);
  return error;
}
