import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Probes ../shared and Redis once, and says in one line each what is skipped without them.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: file-level parallelism is enough; the fakes bind ephemeral ports so files never collide.
    pool: 'forks',
  },
});
