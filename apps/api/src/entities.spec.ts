import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { platformEntities } from '@liaison/platform';
import { featureEntities } from './entities';

/** Every library under libs/, so a new one is checked without being listed here. */
const libraries = readdirSync(join(__dirname, '../../../libs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const isEntity = (value: unknown): boolean =>
  typeof value === 'function' && getMetadataArgsStorage().tables.some((table) => table.target === value);

describe('library public APIs', () => {
  it('recognises an entity class when it sees one', () => {
    const lists = [...platformEntities, ...(featureEntities as unknown[])];
    expect(lists.length).toBeGreaterThan(10);
    for (const entity of lists) expect(isEntity(entity)).toBe(true);
  });

  // Each library owns its tables: others reach them through its services (people through PeopleService),
  // and the composition root gets only the `*Entities` lists.
  it.each(libraries)('@liaison/%s exports no entity class', async (library) => {
    const exported = (await import(`@liaison/${library}`)) as Record<string, unknown>;
    const entities = Object.entries(exported)
      .filter(([, value]) => isEntity(value))
      .map(([name]) => name);
    expect(entities).toEqual([]);
  });
});
