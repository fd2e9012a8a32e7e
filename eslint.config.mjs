// ESLint flat config: typescript-eslint with type information for the product code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CORE_PATHS = [
  { name: 'vscode', message: 'The core must not depend on VS Code.' },
  { name: 'vscode-languageserver', message: 'The core may use LSP types (vscode-languageserver-types) only, never the connection.' },
  { name: 'vscode-languageserver/node', message: 'The core may use LSP types only.' },
];
const CORE_PATTERNS = [{ group: ['**/lsp/**', '**/cli/**', '**/node/**', '../../client/**'], message: 'The core must not import its front ends.' }];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'test/e2e/fixtures/**', 'bench-workspace/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: no vscode, no LSP connection (types only), so every front end can share it.
    files: ['server/src/core/**/*.ts'],
    ignores: ['server/src/core/crypto/**', 'server/src/core/privacy/**', 'server/src/core/code/**'],
    rules: { 'no-restricted-imports': ['error', { paths: CORE_PATHS, patterns: CORE_PATTERNS }] },
  },
  {
    // The detectors stand on the shared code model (core/code) and never on each other's internals; the
    // code model knows no detector.
    files: ['server/src/core/crypto/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: CORE_PATHS, patterns: [...CORE_PATTERNS, { group: ['**/privacy/**', '../privacy/*'], message: 'A detector must not import another detector: share through core/code.' }] }] },
  },
  {
    files: ['server/src/core/privacy/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: CORE_PATHS, patterns: [...CORE_PATTERNS, { group: ['**/crypto/**', '../crypto/*'], message: 'A detector must not import another detector: share through core/code.' }] }] },
  },
  {
    files: ['server/src/core/code/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: CORE_PATHS, patterns: [...CORE_PATTERNS, { group: ['**/crypto/**', '**/privacy/**', '../crypto/*', '../privacy/*', '../../crypto/*', '../../privacy/*'], message: 'The code model must not depend on a detector.' }] }] },
  },
);
