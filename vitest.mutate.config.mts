// The tests `npm run mutate` runs: those that exercise the engine's own code in process (the built app's CLI, web
// and E2E tests run out/, which a mutant never reaches). MUTATE_TESTS (comma-separated globs) narrows them for a
// quick run on a small scope.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mjs';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: process.env.MUTATE_TESTS?.split(',') ?? [
      'test/engine/**/*.test.ts',
      'test/accounts/**/*.test.ts',
      'test/secrets/**/*.test.ts',
      'test/media/**/*.test.ts',
      'test/publishers/**/*.test.ts',
      'test/control/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'test/control/control-socket-fuzz.test.ts'],
    setupFiles: ['test/helpers/mutate-worker-setup.ts'],
  },
});
