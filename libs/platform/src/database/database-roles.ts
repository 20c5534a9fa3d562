/**
 * The NOLOGIN role migrations grant table privileges to. The application's login role (DATABASE_URL) is a
 * member of it and is neither the owner nor a superuser, so what it may do to each table is decided here,
 * in the schema's history, and nowhere else.
 */
export const RUNTIME_ROLE = 'liaison_runtime';
