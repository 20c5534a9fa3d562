import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

/**
 * The message list's scrolling: it follows new messages while scrolled to its end (`stick`), keeps the
 * messages on screen where they were when older ones are put above (`keepPlace` before adding them), and
 * stays at its end when resized.
 *
 * - `older`: changes when older messages were put above;
 * - `count`, `ready`: the list grew, or is ready to show;
 * - `targetKey`, `revealed`: the message to show, and the last one shown; until it is, it is shown instead
 *   of the end.
 */
export function useScrollAnchor({
  older,
  count,
  ready,
  targetKey,
  revealed,
}: {
  older: unknown;
  count: number;
  ready: boolean;
  targetKey: string | null;
  revealed: RefObject<string | null>;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  /** Follow new messages while the list is scrolled to its end. */
  const stickRef = useRef(true);
  /** Distance from the end of the list to keep while older messages are put above. */
  const anchorRef = useRef<number | null>(null);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box || anchorRef.current === null) return;
    box.scrollTop = box.scrollHeight - anchorRef.current;
    anchorRef.current = null;
  }, [older]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || !ready || !stickRef.current || (targetKey !== null && revealed.current !== targetKey)) return;
    box.scrollTop = box.scrollHeight;
  }, [count, ready, targetKey, revealed]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stickRef.current) box.scrollTop = box.scrollHeight;
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const box = boxRef.current;
    if (box) stickRef.current = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  };
  /** Call before putting older messages above. */
  const keepPlace = () => {
    const box = boxRef.current;
    if (box) anchorRef.current = box.scrollHeight - box.scrollTop;
  };
  /** Follow the end again (after sending), or stop (after jumping to a message). */
  const stick = (value: boolean) => {
    stickRef.current = value;
  };
  return { boxRef, onScroll, keepPlace, stick };
}
