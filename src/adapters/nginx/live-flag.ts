import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Slot } from '../../core/labels.js';
import { greenFlagPath } from '../../core/nginx/route.js';

/**
 * Points nginx at an app's live slot: the green flag file exists or not. Creating it is a rename and removing it an
 * unlink, so each request sees one slot or the other, never a half-written state.
 */
export function setLiveFlag(liveDir: string, app: string, slot: Slot): void {
  const flag = greenFlagPath(liveDir, app);
  if (slot === 'blue') {
    rmSync(flag, { force: true });
    return;
  }
  if (existsSync(flag)) return;
  const tmp = `${flag}.${process.pid}.tmp`;
  writeFileSync(tmp, 'live\n');
  renameSync(tmp, flag);
}
