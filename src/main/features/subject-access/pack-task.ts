/**
 * Builds a subject access pack on its own worker thread (pack-worker.ts), so
 * the window stays responsive however long his record is. The pack is the
 * same, byte for byte, as building it here: the same code runs there.
 */
import { runWorkerOnce } from '../../worker-run';
import type { PackSection, SubjectData } from './collect';
import type { buildPack, BuiltPack } from './pack';

export interface PackTask {
  data: SubjectData;
  sections: PackSection[];
  opts: Parameters<typeof buildPack>[2];
}

export async function buildPackOffThread(
  data: SubjectData,
  sections: PackSection[],
  opts: PackTask['opts'],
): Promise<BuiltPack> {
  const pack = await runWorkerOnce<BuiltPack>('pack-worker', { data, sections, opts } satisfies PackTask);
  // The bytes arrive as a plain Uint8Array.
  return { ...pack, bytes: Buffer.from(pack.bytes.buffer, pack.bytes.byteOffset, pack.bytes.byteLength) };
}
