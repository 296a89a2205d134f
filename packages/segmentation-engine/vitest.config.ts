import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The CLI tests spawn node several times; shared CI machines can be slow.
    testTimeout: 30_000,
  },
});
