// ESLint flat config: typescript-eslint with type information for the product code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The core must not depend on VS Code.' },
            { name: 'vscode-languageserver', message: 'The core may use LSP types (vscode-languageserver-types) only, never the connection.' },
            { name: 'vscode-languageserver/node', message: 'The core may use LSP types only.' },
          ],
          patterns: [{ group: ['**/lsp/**', '**/cli/**', '**/node/**', '../../client/**'], message: 'The core must not import its front ends.' }],
        },
      ],
    },
  },
);
