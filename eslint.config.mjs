// ESLint 10 flat config: recommended rules, typescript-eslint's recommended
// rules, React hooks in the window, and the layer table of DESIGN.md
// section 1 as `no-restricted-imports` per folder.
//
// ESLint does not merge the options of one rule across config objects: the
// last object matching a file wins. So each folder below gets one complete
// `no-restricted-imports` setting, and src/main/electron (after src/main)
// replaces main's setting with one that allows `electron`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CODE = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}'];

// Node's built-in modules by bare name (fs, path, crypto, child_process, ...);
// `node:*` is caught by a pattern.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

const restrict = {
  node: {
    paths: nodeBuiltins.map((name) => ({
      name,
      message: 'Node built-ins run only in src/main (DESIGN.md section 1).',
    })),
    patterns: [{ group: ['node:*'], message: 'Node built-ins run only in src/main (DESIGN.md section 1).' }],
  },
  electron: {
    paths: [{ name: 'electron', message: 'Only src/main/electron imports electron (DESIGN.md section 1).' }],
    patterns: [{ group: ['electron/*'], message: 'Only src/main/electron imports electron (DESIGN.md section 1).' }],
  },
  react: {
    patterns: [
      {
        group: [
          'react',
          'react-*',
          'react/**',
          'react-*/**',
          '@mantine/*',
          '@tanstack/react-*',
          '@tabler/icons-react',
          'mantine-*',
        ],
        message: 'React and Mantine belong to src/renderer (DESIGN.md section 1).',
      },
    ],
  },
  main: {
    patterns: [
      {
        regex: '^(\\.\\./)+(src/)?main(/|$)|^/?src/main(/|$)',
        message: 'src/main runs in Node; call it through the API in src/shared/api.ts (DESIGN.md section 2).',
      },
    ],
  },
  renderer: {
    patterns: [
      {
        regex: '^(\\.\\./)+(src/)?renderer(/|$)|^/?src/renderer(/|$)',
        message: 'src/renderer is the window; nothing else imports it (DESIGN.md section 1).',
      },
    ],
  },
};

function restrictedImports(...parts) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: parts.flatMap((p) => p.paths ?? []),
        patterns: parts.flatMap((p) => p.patterns ?? []),
      },
    ],
  };
}

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'out/**',
      '.vite/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: CODE,
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // CommonJS files (test fixtures loaded with `node --require`).
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // The window: browser globals, React hooks rules.
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },

  // The layer table (DESIGN.md section 1).
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: restrictedImports(restrict.node, restrict.electron, restrict.react, restrict.main, restrict.renderer),
  },
  {
    files: ['src/main/**/*.{ts,tsx}', 'migrations/**/*.{ts,tsx}'],
    rules: restrictedImports(restrict.electron, restrict.react, restrict.renderer),
  },
  {
    files: ['src/main/electron/**/*.{ts,tsx}'],
    rules: restrictedImports(restrict.react, restrict.renderer),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrictedImports(restrict.node, restrict.electron, restrict.main),
  },
);
