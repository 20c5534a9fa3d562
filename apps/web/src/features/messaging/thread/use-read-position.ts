import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../../api/client';
import { READ_AFTER_MS } from './shared';

/**
 * Sends the read position: once the newest message is shown (`lastShown`, when `ready`) and the page is
 * seen, a little later; a refused send lets the next one try again.
 */
export function useReadPosition(threadId: string, ready: boolean, lastShown: number, readSeq: number): void {
  const readSent = useRef(readSeq);
  useEffect(() => {
    if (!ready || lastShown <= readSent.current) return;
    let timer: number | undefined;
    const send = () => {
      if (document.visibilityState !== 'visible' || timer !== undefined) return;
      timer = window.setTimeout(() => {
        const previous = readSent.current;
        if (lastShown <= previous) return;
        readSent.current = lastShown;
        unwrap(
          api.POST('/api/threads/{id}/read', { params: { path: { id: threadId } }, body: { seq: lastShown } }),
        ).catch(() => {
          readSent.current = Math.min(readSent.current, previous);
        });
      }, READ_AFTER_MS);
    };
    send();
    document.addEventListener('visibilitychange', send);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', send);
    };
  }, [threadId, ready, lastShown]);
}
