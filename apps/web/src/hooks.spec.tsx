/**
 * @jest-environment jsdom
 */
import { describe, expect, it, jest } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createQueryClient } from './api/query-client';
import { type KeysetPage, useKeysetPages, useQueryResource, useResource } from './hooks';

function withCache(children: ReactNode, client = createQueryClient()) {
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('useQueryResource', () => {
  it('fetches a key once for every part of the screen that shows it', async () => {
    const fetchStates = jest.fn(async () => ['Mauritius', 'Seychelles']);
    const options = () => ({ queryKey: ['states'], queryFn: fetchStates });
    function States({ label }: { label: string }) {
      const { resource } = useQueryResource(options());
      return <p>{resource.status === 'ready' ? `${label}: ${resource.data.join(', ')}` : `${label}: loading`}</p>;
    }
    render(
      withCache(
        <>
          <States label="filter" />
          <States label="list" />
        </>,
      ),
    );
    expect(screen.getByText('filter: loading')).toBeTruthy();
    expect(await screen.findByText('filter: Mauritius, Seychelles')).toBeTruthy();
    expect(screen.getByText('list: Mauritius, Seychelles')).toBeTruthy();
    expect(fetchStates).toHaveBeenCalledTimes(1);
  });

  it('shows a failure, then "loading" while trying again, then the data', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let call = 0;
    const load = jest.fn(() => answers[call++].promise);
    function Thing() {
      const { resource, reload } = useResource(['thing'], load);
      if (resource.status === 'loading') return <p>loading</p>;
      if (resource.status === 'error') return <button onClick={reload}>try again</button>;
      return <p>{resource.data}</p>;
    }
    render(withCache(<Thing />));
    await act(async () => answers[0].reject(new Error('down')));
    await userEvent.click(await screen.findByRole('button', { name: 'try again' }));
    expect(screen.getByText('loading')).toBeTruthy();
    await act(async () => answers[1].resolve('back'));
    expect(await screen.findByText('back')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('changes the cached data in place after an edit, for everyone showing it', async () => {
    function Name({ edit }: { edit?: boolean }) {
      const { resource, update } = useResource(['name'], async () => 'Port Louis');
      if (resource.status !== 'ready') return <p>loading</p>;
      return edit ? <button onClick={() => update((name) => name.toUpperCase())}>edit</button> : <p>{resource.data}</p>;
    }
    render(
      withCache(
        <>
          <Name />
          <Name edit />
        </>,
      ),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'edit' }));
    expect(screen.getByText('PORT LOUIS')).toBeTruthy();
  });

  it('loads nothing for a null key', async () => {
    const load = jest.fn(async () => 'never');
    function Idle() {
      const { resource } = useResource(null, load);
      return <p>{resource.status}</p>;
    }
    render(withCache(<Idle />));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByText('loading')).toBeTruthy();
    expect(load).not.toHaveBeenCalled();
  });
});

describe('useKeysetPages', () => {
  const pages: Record<string, KeysetPage<string>> = {
    first: { items: ['a', 'b'], nextCursor: 'c2' },
    c2: { items: ['c'], nextCursor: null },
  };

  function List({ fetchPage }: { fetchPage: (cursor: string | null) => Promise<KeysetPage<string>> }) {
    const { first, items, nextCursor, loadMore, busy, error } = useKeysetPages<string>(['letters'], fetchPage);
    if (first.resource.status !== 'ready') return <p>{first.resource.status}</p>;
    return (
      <>
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {nextCursor && (
          <button onClick={() => void loadMore()} disabled={busy}>
            more
          </button>
        )}
        {error && <p role="alert">{error}</p>}
      </>
    );
  }

  it('appends the following pages and stops at the last', async () => {
    const fetchPage = jest.fn(async (cursor: string | null) => pages[cursor ?? 'first']);
    render(withCache(<List fetchPage={fetchPage} />));
    await screen.findByText('a');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['a', 'b']);
    await userEvent.click(screen.getByRole('button', { name: 'more' }));
    await screen.findByText('c');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['a', 'b', 'c']);
    expect(screen.queryByRole('button', { name: 'more' })).toBeNull();
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([null, 'c2']);
  });

  it('keeps what is shown when "load more" fails, and says why', async () => {
    const fetchPage = jest.fn(async (cursor: string | null) => {
      if (cursor) throw new Error('The network is down');
      return pages.first;
    });
    render(withCache(<List fetchPage={fetchPage} />));
    await screen.findByText('a');
    await userEvent.click(screen.getByRole('button', { name: 'more' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBeTruthy());
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['a', 'b']);
  });
});
