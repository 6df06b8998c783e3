import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The PIDs of the managed nginx's worker processes: a reload replaces them all, so equal sets mean no reload. */
export function nginxWorkerPids(dataDir: string): number[] {
  const master = Number(readFileSync(join(dataDir, 'nginx', 'nginx.pid'), 'utf8').trim());
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === master) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids.sort((a, b) => a - b);
}
