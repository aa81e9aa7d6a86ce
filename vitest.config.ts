import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'service',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'miniprogram',
          include: ['miniprogram/test/**/*.test.ts'],
          // jsdom for miniprogram-simulate, with modules transformed for Node for the in-process service.
          environment: './miniprogram/test/jsdom-environment.ts',
          globalSetup: ['./miniprogram/test/global-setup.ts'],
        },
      },
    ],
  },
});
