// The layer rule lives here: shared imports nothing from Node or Electron, the engine and CLI never import
// electron, the renderer never imports engine code or Node.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nodePatterns = [{ group: ['node:*'], message: 'Node modules are not allowed in this layer.' }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS launchers load the built bundle with require.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron'].map((name) => ({ name, message: 'shared/ runs everywhere: no Node or Electron imports.' })),
          patterns: [...nodePatterns, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from other layers.' }],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine and CLI are plain Node: never import electron.' }],
          patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'The engine depends only on shared/.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron'].map((name) => ({ name, message: 'The renderer talks to the engine only through window.api.' })),
          patterns: [...nodePatterns, { group: ['**/electron/**'], message: 'The renderer never imports engine, main or preload code.' }],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/engine/**', '**/main/**', '**/renderer/**'], message: 'The preload depends only on shared/ and electron.' }],
        },
      ],
    },
  },
);
