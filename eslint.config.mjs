import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Only the Electron shell may touch Electron; main/ is plain Node, renderer/ is a web page.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/ may import electron.' }],
          patterns: [{ group: ['electron/*'], message: 'Only electron/ may import electron.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the backend only through the API client.',
            },
          ],
          patterns: [
            { group: ['electron/*'], message: 'The renderer never imports electron.' },
            {
              regex: '(^|/)main/(?!api/(contract|errors|permissions|labels|schemas/))',
              message:
                'The renderer may import only the pure API contract, schemas, errors, labels and permissions from main/.',
            },
          ],
        },
      ],
    },
  },
);
