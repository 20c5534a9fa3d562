import { EntityManager } from 'typeorm';
import type { AuthorityFacts } from './ticket-views';

/** The directory's facts about an authority, as the filing form and a ticket's page show them. */
export async function authorityFacts(manager: EntityManager, id: string): Promise<AuthorityFacts | null> {
  const [row] = (await manager.query(
    `SELECT id, name, state_code, documents_required, channels, languages, categories, accepts_interpol
       FROM authorities WHERE id = $1`,
    [id],
  )) as {
    id: string;
    name: string;
    state_code: string;
    documents_required: string[];
    channels: string[];
    languages: string[];
    categories: string[];
    accepts_interpol: boolean;
  }[];
  return row
    ? {
        id: row.id,
        name: row.name,
        stateCode: row.state_code,
        documentsRequired: row.documents_required,
        channels: row.channels,
        languages: row.languages,
        categories: row.categories,
        acceptsInterpol: row.accepts_interpol,
      }
    : null;
}
