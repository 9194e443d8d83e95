// Type-checked linting, plus the rule that keeps the core pure: src/plan, src/render,
// src/compatibility, src/rules, src/redaction (and the loader, event schemas, the payload check
// and code generation) take data and return data, so they may not reach for I/O, the clock or
// randomness.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const impure = {
  paths: [
    { name: 'got', message: 'The core is pure: HTTP lives in src/secoda/.' },
    { name: 'octokit', message: 'The core is pure: GitHub lives in src/github/.' },
    { name: '@actions/core', message: 'The core is pure: GitHub lives in src/github/.' },
    { name: 'node:fs', message: 'The core is pure: files are read at the edges.' },
    { name: 'node:fs/promises', message: 'The core is pure: files are read at the edges.' },
    { name: 'fs', message: 'The core is pure: files are read at the edges.' },
    { name: 'node:process', message: 'The core is pure: no process access.' },
    { name: 'node:child_process', message: 'The core is pure.' },
    { name: 'node:http', message: 'The core is pure.' },
  ],
  patterns: [{ group: ['**/secoda/client*', '**/apply/*', '**/cli/*', '**/github/*'], message: 'The core may not import the edges.' }],
};

/**
 * A spread into a call's arguments puts every item on the stack: `push(...list)` of 130,000
 * categories ends in "Maximum call stack size exceeded". Lists that grow with the input are
 * appended with a loop (or concat) instead.
 */
const unboundedSpread = [
  {
    selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement',
    message: 'A spread argument can exceed the call stack on a large list: append with a loop (for … of … push) instead.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
    message: 'A spread argument can exceed the call stack on a large list: reduce over the list instead.',
  },
  {
    selector: "CallExpression[callee.property.name='fromCharCode'] > SpreadElement",
    message: 'A spread argument can exceed the call stack on a large list.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-action/',
      'node_modules/',
      'coverage/',
      'bin/',
      'src/tracking-plan/schema-types.generated.ts',
      '**/*-validator*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            '.dependency-cruiser.cjs',
            'scripts/*.mjs',
            'scripts/bundle-stubs/*.mjs',
            'test/support/*.mjs',
          ],
          // The scripts and test hooks are plain JavaScript outside tsconfig's program.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 24,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', ...unboundedSpread],
    },
  },
  {
    files: [
      'src/plan/**/*.ts',
      'src/render/**/*.ts',
      'src/tracking-plan/**/*.ts',
      'src/pull/**/*.ts',
      'src/compatibility/**/*.ts',
      'src/rules/**/*.ts',
      'src/redaction/**/*.ts',
      'src/event-schema/**/*.ts',
      'src/check/**/*.ts',
      'src/codegen/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', impure],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The core is pure: no process access.' },
        { name: 'fetch', message: 'The core is pure.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The core is deterministic: no randomness.' },
        { object: 'Date', property: 'now', message: 'The core is deterministic: no clock.' },
        { object: 'performance', property: 'now', message: 'The core is deterministic: no clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        ...unboundedSpread,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core is deterministic: no clock.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs', 'bench/**/*.ts', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
