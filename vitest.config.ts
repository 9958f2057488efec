import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/fake-github/global-setup.ts'],
    // The machines are shared and slow; no test measures time (benchmarks live in bench/).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // @actions/workflow-parser imports its JSON schemas without an import attribute, which Node 20 refuses;
    // inlined, vite loads them.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
