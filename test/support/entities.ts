/**
 * Entity classes for tests that set up or inspect rows directly. No library's public index exports an
 * entity (each library owns its tables), so the harness names the files.
 */
export { User } from '../../libs/identity/src/users/user.entity';
