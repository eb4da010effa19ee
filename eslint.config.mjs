// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'docs/api/**', 'benchmarks/.build/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      // Coefficient tables are copied with the digits the papers print (Cody, Wichura, Jäckel),
      // often more than a double holds; rounding them by hand would only invite transcription errors.
      'no-loss-of-precision': 'off',
      // Numeric kernels index typed arrays and use non-null assertions sparingly; keep them visible as warnings.
      '@typescript-eslint/no-non-null-assertion': 'warn',
    },
  },
);
