import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that spawn the built CLI or other runtimes need more than the default 5 s.
    testTimeout: 20_000,
  },
});
