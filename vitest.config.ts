import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module). Node loads the CJS build for every library;
    // Vite would hand our own files the ESM build: two realms, "Cannot use GraphQLSchema from
    // another module". Pin our imports to the build Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: suites that start servers run in parallel forks, two at a time.
    pool: 'forks',
    maxWorkers: 2,
    // In CI a JSON report lets .ci/run prove the Redis suites ran rather than skipped.
    reporters: process.env.CI === 'true' ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
