import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that spawn the built CLI or other runtimes need more than the default 5 s.
    testTimeout: 20_000,
    // Vitest empties CSS files unless told otherwise, `?raw` imports too: the mailbox's style
    // sheet is served as written, so the browser tests see the page as a developer does.
    css: { include: [/src\/sandbox\/mailbox\/page\/mailbox\.css/] },
  },
});
