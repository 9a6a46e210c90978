import fs from 'node:fs';
import path from 'node:path';

export const REPORT_FONT_FILE = 'NotoSansSC-Regular.ttf';

/**
 * Where resources/fonts is: WORKSTATION_FONTS when set; in a packaged app the `fonts` folder
 * electron-builder copies next to app.asar (process.resourcesPath, set by Electron itself);
 * else the repository's resources/fonts next to main/ (tsx, tests, CLIs, electron-vite output).
 */
export function reportFontPath(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.WORKSTATION_FONTS,
    packaged ? path.join(packaged, 'fonts') : undefined,
    path.resolve(__dirname, '../../../resources/fonts'),
    path.resolve(__dirname, '../../resources/fonts'),
    path.resolve(__dirname, '../resources/fonts'),
    path.resolve(process.cwd(), 'resources/fonts'),
  ].filter((d): d is string => !!d);
  for (const dir of candidates) {
    const file = path.join(dir, REPORT_FONT_FILE);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`The report font ${REPORT_FONT_FILE} was not found in ${candidates.join(', ')}`);
}
