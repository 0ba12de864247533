/**
 * `update.json`: what the release step signs. Its exact bytes are signed
 * (Ed25519, `update.json.sig` holds the 64-byte signature in base64), so the
 * program checks the signature before it believes anything in it but the name
 * of the key, and the file is never rewritten or re-serialised on the way.
 */
import { z } from 'zod';
import { isVersion } from './versions';

/** This program's identity in a manifest; an update for any other program is refused. */
export const APP_ID = 'uk.org.dvpp.case-manager';
export const CHANNEL = 'stable';



const version = z.string().max(20).refine(isVersion, 'A version is three whole numbers, like 1.4.2');

/** The platforms an installer is made for: `${process.platform}-${process.arch}`. */
export const platformSchema = z.enum(['linux-x64', 'linux-arm64', 'win32-x64', 'win32-arm64', 'darwin-x64', 'darwin-arm64']);
export type Platform = z.infer<typeof platformSchema>;

export const installerSchema = z.object({
  /** a plain file name in the update folder, nothing else */
  file: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'An installer is named by a plain file name in the update folder'),
  size: z.number().int().positive().max(4 * 1024 ** 3),
  /** hex, lower case */
  sha512: z.string().regex(/^[0-9a-f]{128}$/),
});
export type InstallerEntry = z.infer<typeof installerSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(1),
    appId: z.string().max(100),
    channel: z.string().max(40),
    version,
    /** the lowest running version this update may be installed over */
    minVersion: version,
    /** yyyy-mm-dd */
    releasedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    keyId: z.string().min(1).max(64),
    notes: z.string().max(20_000),
    installers: z.partialRecord(platformSchema, installerSchema),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

export function currentPlatform(): string {
  return `${process.platform}-${process.arch}`;
}
