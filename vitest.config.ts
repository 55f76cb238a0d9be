import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests; integration tests on a real database (and sshd); browser tests.
// Only the projects that need outside services start them (test/helpers/global-setup.ts).
const services = ['./test/helpers/global-setup.ts'];

export default defineConfig({
  test: {
    hookTimeout: 120_000,
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          globalSetup: services,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: services,
          fileParallelism: false,
          // expect.poll waits for a condition in the page; its 1 s default is too short on a busy
          // machine. A bound, not a speed assertion: the poll ends as soon as the condition holds.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
