import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'var', 'coverage', 'test-results', 'public/vendor'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': ['error', { paths: [{ name: 'knex', importNames: ['knex'], message: 'use the default import' }] }],
    },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', $: 'readonly', vis: 'readonly', fetch: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', location: 'readonly', history: 'readonly', FormData: 'readonly', URLSearchParams: 'readonly', confirm: 'readonly', alert: 'readonly', localStorage: 'readonly', Event: 'readonly', CustomEvent: 'readonly' } },
  },
);
