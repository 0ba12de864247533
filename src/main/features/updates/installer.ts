/**
 * What the desktop program gives the back end to install a checked update
 * (src/main/electron/update-install.ts). Kept apart from the service so
 * backend.ts can name it without importing the service (and the service, the backend).
 */
import type { InstallerEntry, Manifest } from './manifest';

/** Installs a checked copy and restarts the program (Electron only). */
export interface UpdateInstaller {
  install(file: string, update: { manifest: Manifest; installer: InstallerEntry }): Promise<void>;
}
