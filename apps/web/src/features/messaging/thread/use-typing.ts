import { useEffect, useState } from 'react';
import { realtime } from '../../../realtime';
import type { Realtime } from '../../../realtime/connection';
import { TYPING_SHOWN_MS } from './shared';

/**
 * Who else is typing in the thread, by user id, until when: `thread.typing` adds them for a few seconds,
 * their message (or the time running out) takes them off. `on`: the page's socket, or a fake in tests.
 */
export function useTyping(
  threadId: string,
  meId: string | null,
  on: Realtime['on'] = realtime.on,
): ReadonlyMap<string, number> {
  const [typers, setTypers] = useState<ReadonlyMap<string, number>>(() => new Map());

  useEffect(() => {
    const unsubscribers = [
      on('thread.typing', ({ threadId: where, userId }) => {
        if (where === threadId && userId !== meId)
          setTypers((map) => new Map(map).set(userId, Date.now() + TYPING_SHOWN_MS));
      }),
      on('message.created', (message) => {
        if (message.threadId !== threadId) return;
        setTypers((map) => {
          if (!map.has(message.author.id)) return map;
          const next = new Map(map);
          next.delete(message.author.id);
          return next;
        });
      }),
    ];
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [threadId, meId, on]);

  const typing = typers.size > 0;
  useEffect(() => {
    if (!typing) return;
    const timer = window.setInterval(() => {
      const instant = Date.now();
      setTypers((map) => {
        const next = new Map([...map].filter(([, until]) => until > instant));
        return next.size === map.size ? map : next;
      });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [typing]);

  return typers;
}
