/**
 * Windows installer: an NSIS maker for electron-forge, on electron-builder's
 * NSIS target (`app-builder-lib`), which is the installer electron-updater can
 * update. It replaces Squirrel.Windows, which electron-updater cannot update.
 *
 * Per-user install (decided, see README "Windows"): the program goes into the
 * Windows account's own programs folder, beside its data folder (Electron's
 * userData, also per account), without administrator rights, so an update from
 * a USB stick needs no Windows administrator either. A charity whose staff use
 * several Windows accounts on one PC installs it in the one account they share
 * for the program. Uninstalling never deletes the data folder.
 *
 * The packaged app forge produced is handed over as it is (`prepackaged`):
 * electron-builder only wraps it in the installer, so the fuses, the asar and
 * its unpacked native module stay exactly as forge made them.
 */
import { join, resolve } from 'node:path';
import { MakerBase, type MakerOptions } from '@electron-forge/maker-base';
import type { ForgePlatform } from '@electron-forge/shared-types';
import type { Configuration } from 'app-builder-lib';

export interface MakerNsisConfig {
  /** electron-builder's appId: also the Windows AppUserModelID */
  appId: string;
}

export const NSIS_OPTIONS = {
  oneClick: true,
  perMachine: false,
  allowElevation: false,
  deleteAppDataOnUninstall: false,
  createDesktopShortcut: true,
  createStartMenuShortcut: true,
  runAfterFinish: true,
  // The whole installer each time: updates come on a USB stick, never as a download of differences.
  differentialPackage: false,
} as const;

export class MakerNsis extends MakerBase<MakerNsisConfig> {
  name = 'nsis';
  defaultPlatforms: ForgePlatform[] = ['win32'];

  override isSupportedOnCurrentPlatform(): boolean {
    // electron-builder fetches NSIS itself; building it anywhere but Windows needs Wine, so it is made on Windows.
    return process.platform === 'win32';
  }

  /** What electron-builder is asked to do, as data (the tests read it). */
  buildOptions(options: Pick<MakerOptions, 'dir' | 'makeDir' | 'targetArch' | 'appName' | 'forgeConfig'>): {
    win: string[];
    prepackaged: string;
    config: Configuration;
  } {
    return {
      win: [`nsis:${options.targetArch}`],
      prepackaged: resolve(options.dir),
      config: {
        appId: this.config.appId,
        productName: options.appName,
        executableName: options.forgeConfig.packagerConfig?.executableName ?? options.appName,
        directories: { output: join(options.makeDir, 'nsis', options.targetArch) },
        artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
        nsis: NSIS_OPTIONS,
        // No update server, ever: updates are read from removable media (src/main/electron/updates.ts).
        publish: null,
      },
    };
  }

  override async make(options: MakerOptions): Promise<string[]> {
    const { build } = await import('app-builder-lib');
    return build(this.buildOptions(options));
  }
}
