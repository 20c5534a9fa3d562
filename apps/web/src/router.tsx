/**
 * The app's navigation helpers over TanStack Router (the routes are declared in `routes.tsx`): the current
 * path, query and fragment as the router sees them, `navigate()` for an address built as text, and a `Link`
 * that navigates without reloading the page. Pages keep building addresses as text (`withQuery`), so a
 * `next` after sign-in is only ever followed through `safeNext`.
 */
import { type RouterHistory, useRouterState } from '@tanstack/react-router';
import { type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** The history of the router in use; set once when the router is made (see `createAppRouter`). */
let history: RouterHistory | null = null;

export function bindHistory(next: RouterHistory): void {
  history = next;
}

export function usePathname(): string {
  return useRouterState({ select: (state) => state.location.pathname });
}

/** The query string (`?q=…`, or `''`), re-rendering when it changes. */
export function useSearch(): string {
  const search = useRouterState({ select: (state) => state.location.searchStr });
  return search && search !== '?' ? search : '';
}

/** The fragment (`#seq-12`, or `''`), re-rendering when it changes (through `navigate`, the history or a link). */
export function useHash(): string {
  const hash = useRouterState({ select: (state) => state.location.hash });
  return hash ? `#${hash}` : '';
}

/** A path with its query built from the non-empty values: `withQuery('/directory', { q: 'x', state: '' })`. */
export function withQuery(path: string, query: Record<string, string | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Where to go after signing in: a path of this app only. Decided by the URL parser, as the browser will read
 * it (it drops tabs and newlines and reads `\\` as `/`, so `/\t/evil.example` and `/\\evil.example` are other
 * sites); returns the parsed path, never the raw text.
 */
export function safeNext(value: string | null, origin: string = window.location.origin): string | null {
  if (!value || !value.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : null;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!history) throw new Error('Liaison: navigate() before the router was made');
  if (options.replace) history.replace(path);
  else history.push(path);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export function Link({ href, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (rest.target && rest.target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handleClick} {...rest} />;
}
