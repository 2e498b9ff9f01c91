// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'drizzle/', 'coverage/', 'dist/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'stryker.config.mjs'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Issue 11: a write transaction begun DEFERRED meets another process's write lock (a CLI import)
    // midway and busy-waits, stalling every update; begun IMMEDIATE it waits for the lock up front.
    files: ['src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction'][arguments.length=1]:not(MemberExpression > CallExpression.object)",
          message: "Begin write transactions IMMEDIATE: db.transaction(fn, { behavior: 'immediate' }), or sqlite.transaction(fn).immediate().",
        },
        {
          selector: "CallExpression[callee.property.name='transaction'] > ObjectExpression:not(:has(Property[key.name='behavior'][value.value='immediate']))",
          message: "Begin write transactions IMMEDIATE: db.transaction(fn, { behavior: 'immediate' }).",
        },
        {
          // A Telegram call dropped with `void` rejects unhandled when Telegram refuses it, which stops the process.
          selector: "UnaryExpression[operator='void'] > CallExpression > MemberExpression.callee:matches([object.name='ctx'], [object.property.name='api'])",
          message: 'Await a Telegram call (or return it): dropped with void, a refusal rejects unhandled and stops the process.',
        },
      ],
    },
  },
  {
    // Issue 15: grammY's Composer builds a new Composer per filter and per update; ours routes the same way without.
    files: ['src/**'],
    ignores: ['src/bot/composer.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'grammy', importNames: ['Composer'], message: "Use Composer from src/bot/composer.ts: the same routing, without grammY's allocations per filter and update." }] },
      ],
    },
  },
  {
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
