import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLES = join(__dirname, '..', '..', '..', 'resources', 'import-samples');
export const sample = (name: string) => readFileSync(join(SAMPLES, name)).toString('base64');
export const b64 = (bytes: Buffer | Uint8Array | string) => Buffer.from(bytes).toString('base64');
