/**
 * The layer table of DESIGN.md section 1, as enforced by eslint.config.mjs:
 * each forbidden import is reported in the folder that must not have it, and
 * the allowed ones are not.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x];\n`, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: Array<[file: string, code: string]> = [
  // src/shared: no Node, no electron, no React or Mantine, nothing from main or renderer
  ['src/shared/x.ts', "import x from 'node:fs';"],
  ['src/shared/x.ts', "import x from 'fs';"],
  ['src/shared/x.ts', "import x from 'path';"],
  ['src/shared/x.ts', "import x from 'crypto';"],
  ['src/shared/x.ts', "import x from 'child_process';"],
  ['src/shared/x.ts', "import x from 'fs/promises';"],
  ['src/shared/features/x.ts', "import x from 'os';"],
  ['src/shared/x.ts', "import { app as x } from 'electron';"],
  ['src/shared/x.ts', "import x from 'react';"],
  ['src/shared/x.ts', "import { jsx as x } from 'react/jsx-runtime';"],
  ['src/shared/x.ts', "import x from 'react-dom';"],
  ['src/shared/x.ts', "import { Button as x } from '@mantine/core';"],
  ['src/shared/x.ts', "import { useQuery as x } from '@tanstack/react-query';"],
  ['src/shared/x.ts', "import x from '../main/backend';"],
  ['src/shared/features/x.ts', "import x from '../../main/db/schema';"],
  ['src/shared/x.ts', "import x from '../renderer/app/api';"],
  ['src/shared/features/x.ts', "import x from '../../renderer/app/api';"],
  ['src/shared/x.ts', "export { app as x } from 'electron';"],
  ['src/shared/x.ts', "import type { App as x } from 'electron';"],
  // src/main (outside src/main/electron): no electron, no React, nothing from the renderer
  ['src/main/db/x.ts', "import { app as x } from 'electron';"],
  ['src/main/backend-x.ts', "import { ipcMain as x } from 'electron';"],
  ['src/main/features/staff/x.ts', "import x from 'react';"],
  ['src/main/features/staff/x.ts', "import { Button as x } from '@mantine/core';"],
  ['src/main/x.ts', "import x from '../renderer/app/api';"],
  ['src/main/features/staff/x.ts', "import x from '../../../renderer/features/staff/page';"],
  // src/main/electron: still no React, nothing from the renderer
  ['src/main/electron/x.ts', "import x from 'react';"],
  ['src/main/electron/x.ts', "import x from '../../renderer/app/api';"],
  // migrations: as src/main
  ['migrations/0002_x.ts', "import { app as x } from 'electron';"],
  ['migrations/0002_x.ts', "import x from 'react';"],
  // src/renderer: no Node, no electron, nothing from main
  ['src/renderer/x.ts', "import x from 'node:path';"],
  ['src/renderer/app/x.tsx', "import x from 'fs';"],
  ['src/renderer/app/x.ts', "import { ipcRenderer as x } from 'electron';"],
  ['src/renderer/x.ts', "import x from '../main/backend';"],
  ['src/renderer/features/staff/x.tsx', "import x from '../../../main/features/staff/service';"],
];

const allowed: Array<[file: string, code: string]> = [
  ['src/main/electron/x.ts', "import { app as x } from 'electron';"],
  ['src/main/electron/x.ts', "import x from '../backend';"],
  ['src/main/electron/x.ts', "import x from 'node:fs';"],
  ['src/main/db/x.ts', "import x from 'node:fs';"],
  ['src/main/db/x.ts', "import x from '@journeyapps/sqlcipher';"],
  ['src/main/x.ts', "import { api as x } from '../shared/api';"],
  ['migrations/0002_x.ts', "import { sql as x } from 'kysely';"],
  ['src/shared/x.ts', "import { z as x } from 'zod';"],
  ['src/shared/features/x.ts', "import x from '../permissions';"],
  ['src/renderer/app/x.tsx', "import { Button as x } from '@mantine/core';"],
  ['src/renderer/app/x.tsx', "import x from 'react';"],
  ['src/renderer/app/x.ts', "import { api as x } from '../../shared/api';"],
  ['src/renderer/app/x.ts', "import x from '../features/staff/main';"],
  ['tests/main/x.test.ts', "import { app as x } from 'electron';"],
];

describe('the layer table is enforced by lint', () => {
  it.each(forbidden)('%s: %s is reported', async (file, code) => {
    expect(await restrictedImports(file, code)).toHaveLength(1);
  });

  it.each(allowed)('%s: %s is allowed', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
