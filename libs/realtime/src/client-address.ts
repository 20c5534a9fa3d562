import type { IncomingMessage } from 'node:http';

/** Express's compiled `trust proxy` setting: is the hop at `index` (0 = the peer) a proxy we believe? */
export type TrustProxy = (address: string, index: number) => boolean;

const addresses = new WeakMap<IncomingMessage, string>();

/**
 * The client's address as HTTP routes see it (req.ip): the peer, unless it is a trusted proxy, in which
 * case X-Forwarded-For is walked from the right to the first hop that is not one. Remembered on the
 * handshake request, which the socket's middleware sees again as socket.request.
 */
export function clientAddressOf(request: IncomingMessage, trust?: TrustProxy): string | null {
  const known = addresses.get(request);
  if (known !== undefined || !trust) return known ?? request.socket.remoteAddress ?? null;
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  const hops = [request.socket.remoteAddress ?? '', ...forwarded];
  let index = 0;
  while (index < hops.length - 1 && trust(hops[index], index)) index += 1;
  addresses.set(request, hops[index]);
  return hops[index] || null;
}
