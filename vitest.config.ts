import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkgs = ['core', 'pricing', 'greeks', 'volatility', 'risk', 'portfolio', 'drift', 'datasets'] as const;
const alias = Object.fromEntries(
  pkgs.map((p) => [`@quantforge/${p}`, fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url))]),
);

export default defineConfig({
  test: {
    projects: pkgs.map((p) => ({
      resolve: { alias },
      test: {
        name: p,
        root: `./packages/${p}`,
        include: ['test/**/*.test.ts'],
        setupFiles: [fileURLToPath(new URL('./test-utils/setup-fast-check.ts', import.meta.url))],
        testTimeout: 60_000,
      },
    })),
  },
});
