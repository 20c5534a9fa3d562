/** Just enough of the Prometheus text format to read the API's own view of a bench step. */

export type Scrape = Map<string, number>;

export async function scrape(url: string): Promise<Scrape> {
  const text = await fetch(url).then((response) => response.text());
  const samples: Scrape = new Map();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

const delta = (before: Scrape, after: Scrape, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);

/**
 * A quantile of what a histogram observed between two scrapes: the upper bound of the bucket it falls in
 * (so "≤ this"), or Infinity past the last bucket; NaN when nothing was observed.
 */
export function quantileBetween(before: Scrape, after: Scrape, name: string, q: number): number {
  const total = delta(before, after, `${name}_count`);
  if (total <= 0) return NaN;
  const bounds = [...after.keys()]
    .filter((key) => key.startsWith(`${name}_bucket{le="`))
    .map((key) => ({ key, le: key.slice(`${name}_bucket{le="`.length, -2) }))
    .map(({ key, le }) => ({ key, le: le === '+Inf' ? Infinity : Number(le) }))
    .sort((a, b) => a.le - b.le);
  for (const { key, le } of bounds) if (delta(before, after, key) >= q * total) return le;
  return Infinity;
}

export function meanBetween(before: Scrape, after: Scrape, name: string): number {
  const count = delta(before, after, `${name}_count`);
  return count > 0 ? delta(before, after, `${name}_sum`) / count : NaN;
}

export { delta as deltaBetween };
