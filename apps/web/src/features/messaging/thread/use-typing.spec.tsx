/**
 * @jest-environment jsdom
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, renderHook } from '@testing-library/react';
import type { MessageView } from '@liaison/contracts';
import type { Realtime } from '../../../realtime/connection';
import { useTyping } from './use-typing';

type Listener = (...args: never[]) => void;
const listeners = new Map<string, Set<Listener>>();

/** The socket's `on`, as a fake the test drives. */
const on = ((event: string, listener: Listener) => {
  const set = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, set);
  set.add(listener);
  return () => set.delete(listener);
}) as unknown as Realtime['on'];

function emit(event: string, payload: unknown): void {
  act(() => listeners.get(event)?.forEach((listener) => (listener as (value: unknown) => void)(payload)));
}

const message = (threadId: string, authorId: string) =>
  ({ threadId, author: { id: authorId, displayName: authorId } }) as MessageView;

describe('useTyping', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
    listeners.clear();
  });

  it('shows others typing in this thread, not oneself nor other threads', () => {
    const { result } = renderHook(() => useTyping('t1', 'me', on));
    emit('thread.typing', { threadId: 't1', userId: 'amina' });
    emit('thread.typing', { threadId: 't1', userId: 'me' });
    emit('thread.typing', { threadId: 't2', userId: 'jean' });
    expect([...result.current.keys()]).toEqual(['amina']);
  });

  it('stops showing someone once their message arrives', () => {
    const { result } = renderHook(() => useTyping('t1', 'me', on));
    emit('thread.typing', { threadId: 't1', userId: 'amina' });
    emit('message.created', message('t1', 'jean'));
    expect(result.current.size).toBe(1);
    emit('message.created', message('t1', 'amina'));
    expect(result.current.size).toBe(0);
  });

  it('stops showing someone a few seconds after they last typed', () => {
    const { result } = renderHook(() => useTyping('t1', 'me', on));
    emit('thread.typing', { threadId: 't1', userId: 'amina' });
    act(() => jest.advanceTimersByTime(3_000));
    expect(result.current.size).toBe(1);
    act(() => jest.advanceTimersByTime(3_000));
    expect(result.current.size).toBe(0);
  });

  it('stops listening when the thread is left', () => {
    const { unmount } = renderHook(() => useTyping('t1', 'me', on));
    expect(listeners.get('thread.typing')?.size).toBe(1);
    unmount();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});
