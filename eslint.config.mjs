import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Library layers, lowest first. A library may import only the layers to its left (ARCHITECTURE.md):
 * platform ← identity ← realtime ← notifications ← directory ← messaging ← helpdesk, and meetings builds on
 * directory, notifications and messaging (a meeting's minutes open a forum thread). Under them all,
 * `contracts` (scope:shared) holds what the API and the web app agree on; it imports no other library, and
 * it is the only one the web app may import.
 */
const chain = ['platform', 'identity', 'realtime', 'notifications', 'directory', 'messaging', 'helpdesk'];
const below = (layer) => ['scope:shared', ...chain.slice(0, chain.indexOf(layer) + 1).map((name) => `layer:${name}`)];
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...chain.map((layer) => ({ sourceTag: `layer:${layer}`, onlyDependOnLibsWithTags: below(layer) })),
  { sourceTag: 'layer:meetings', onlyDependOnLibsWithTags: [...below('messaging'), 'layer:meetings'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', 'reports/**', 'tmp/**', 'coverage/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints, banTransitiveDependencies: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@liaison/*/*'], message: 'Import a library through its public index only.' }] },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Inject AppConfig; only the config module reads process.env.' },
      ],
      'no-console': 'error',
    },
  },
  {
    // The config module reads the environment; command-line tools and the process entry print.
    files: ['libs/platform/src/config/config.module.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['apps/api/src/main.ts', 'apps/api/src/worker.ts', 'apps/api/src/shutdown.ts', 'apps/api/src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests set up their own processes and databases.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-console': 'off' },
  },
  {
    // The harness (and the benchmarks) boot the api app itself (AppModule, WorkerModule, configureApp), and
    // jest's globalSetup runs outside the module mapper, so they name files rather than the @liaison/* aliases.
    files: ['test/support/**/*.ts', 'test/load/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-properties': 'off' },
  },
);
