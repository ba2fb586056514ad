// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders whose code must not import from the listed folders: data flows one way. */
const BOUNDARIES = {
  'connectors/**': ['subgraphs', 'gateway', 'profile', 'ingest', 'sandboxes', 'bin'],
  'profile/**': ['subgraphs', 'gateway', 'ingest', 'sandboxes', 'bin'],
  'ingest/**': ['subgraphs', 'gateway', 'sandboxes', 'bin'],
  'subgraphs/**': ['gateway', 'ingest', 'sandboxes', 'bin'],
  'gateway/**': ['connectors', 'subgraphs', 'profile', 'ingest', 'sandboxes', 'bin'],
  'sandboxes/**': ['connectors', 'subgraphs', 'gateway', 'profile', 'ingest', 'bin'],
  'config/**': ['connectors', 'subgraphs', 'gateway', 'profile', 'ingest', 'sandboxes', 'bin'],
  'platform/**': ['connectors', 'subgraphs', 'gateway', 'profile', 'ingest', 'sandboxes', 'bin'],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '**/__generated__/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  ...Object.entries(BOUNDARIES).map(([files, forbidden]) => ({
    files: [files],
    ignores: ['**/*.test.ts', '**/*.contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((folder) => ({
            group: [`**/${folder}/*`, `**/${folder}`],
            message: `Imports from ${folder}/ break the one-way data flow (vendor → connector → profile/subgraph → gateway).`,
          })),
        },
      ],
    },
  })),
);
