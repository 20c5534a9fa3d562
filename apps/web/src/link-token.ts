/**
 * Invitation and reset links carry their token in the URL fragment (`/invitation#token=…`), which browsers
 * never send to a server. The page reads it once, keeps it in memory, and removes it from the address bar
 * (and so from the history) at once; it only ever leaves the page in the JSON body of the API calls.
 */
const tokens = new Map<string, string>();

function tokenInFragment(hash: string): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The token of the link this page was opened with, or null. Safe to call more than once. */
export function takeLinkToken(): string | null {
  const { pathname, search, hash } = window.location;
  const token = tokenInFragment(hash);
  if (token) {
    tokens.set(pathname, token);
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  }
  return tokens.get(pathname) ?? null;
}

/** Once the link is used up, forget its token. */
export function forgetLinkToken(pathname: string): void {
  tokens.delete(pathname);
}
