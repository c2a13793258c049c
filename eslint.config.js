// Lint rules for the whole project: typescript-eslint's recommended set, plus a few rules that
// protect the design (no stray console output in library code, no floating promises).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.sandbox/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'test/hostile/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The domain boundary (docs/architecture.md): src/domain is pure judgement. It imports only
    // other domain modules and zod: no stage, adapter, wiring or config loader, no Node built-in
    // and no client library, so it can be read and tested without any server, disk or clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$)(?!\\.)',
              message: 'src/domain is pure: no Node built-ins or libraries (only zod). Put I/O in src/adapters.',
            },
            {
              regex: '(^|/)(adapters|stages|app|cli|config)(/|$)',
              message: 'src/domain imports only src/domain (see docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript entry points run on Node.
    files: ['**/*.js'],
    languageOptions: { globals: { URL: 'readonly', process: 'readonly', console: 'readonly', fetch: 'readonly', AbortSignal: 'readonly' } },
  },
);
