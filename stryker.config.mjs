// Mutation testing (`npm run mutate`): StrykerJS changes the code that decides what is published and when (the
// publishing processor, the target store with its claim, ledger and cancel, reconcile), accounts, credentials and
// media, one change at a time, and runs the tests that cover each change. A change no test notices is a behaviour
// that could break with the suite green. Not part of `npm test` or CI: on two cores it takes hours. Narrow it:
//   npm run mutate -- --mutate 'electron/engine/publishing/store/**/*.ts'
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // Vitest's "related" filter missed tests that reach the code only through the whole engine (e.g. reconcile on a
  // Redis reconnect): when MUTATE_TESTS names the tests, all of them run.
  vitest: { configFile: 'vitest.mutate.config.mts', related: process.env.MUTATE_TESTS === undefined },
  mutate: [
    'electron/engine/publishing/**/*.ts',
    'electron/engine/accounts/**/*.ts',
    'electron/engine/secrets/**/*.ts',
    'electron/engine/media/**/*.ts',
  ],
  // Each change runs only the tests that reached it in the first, measured run.
  coverageAnalysis: 'perTest',
  // The tests start redis-server processes and HTTP fakes; one sandbox at a time fits a shared two-core machine.
  concurrency: 1,
  timeoutMS: 60_000,
  // test/platforms-e2e stays in the sandbox: the token and sign-in tests (test/accounts, offline) start their engine
  // with its helpers, and without them those files failed to load and judged no mutant, silently.
  ignorePatterns: ['out', 'dist', 'test-artifacts', 'test/e2e', 'test/packaging'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test-artifacts/mutation/index.html' },
  jsonReporter: { fileName: 'test-artifacts/mutation/report.json' },
  tempDirName: 'test-artifacts/stryker-tmp',
  cleanTempDir: 'always',
};
