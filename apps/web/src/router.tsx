/**
 * A very small history-based router: the current path as an external store, `navigate()`, and a `Link`
 * that navigates without reloading the page. Enough for a handful of pages.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

function currentSearch(): string {
  return window.location.search;
}

function currentHash(): string {
  return window.location.hash;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** The query string (`?q=…`), re-rendering when it changes. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch);
}

/** The fragment (`#seq-12`), re-rendering when it changes (through `navigate`, the history or a link). */
export function useHash(): string {
  return useSyncExternalStore(subscribeHash, currentHash);
}

function subscribeHash(listener: () => void): () => void {
  const unsubscribe = subscribe(listener);
  window.addEventListener('hashchange', listener);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', listener);
  };
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
  if (options.replace) window.history.replaceState(null, '', url.href);
  else window.history.pushState(null, '', url.href);
  notify();
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
