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
    // A target's status has one door: the target store's guarded transitions (see publishing/store/transitions.ts).
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['electron/engine/publishing/store/sqlite-target-store.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['Literal', 'TemplateElement'].map((node) => ({
          selector: `${node}[${node === 'Literal' ? 'value' : 'value.raw'}=/update\\s+post_platforms/i]`,
          message: 'Only the target store writes post_platforms: use its guarded transitions.',
        })),
        {
          selector: "CallExpression[callee.property.name='updateTable'][arguments.0.value='post_platforms']",
          message: 'Only the target store writes post_platforms: use its guarded transitions.',
        },
        {
          selector: 'Identifier[name=/^(updateTarget|transitionTarget)$/]',
          message: 'A target moves only through the target store: use its guarded transitions.',
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
