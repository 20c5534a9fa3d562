import { jest } from '@jest/globals';

// Starting an API instance takes about a second on an idle machine and several on a loaded one: jest's 5 s
// default failed hooks and tests for that alone. (`testTimeout` is a global option, which a project ignores.)
jest.setTimeout(30_000);
