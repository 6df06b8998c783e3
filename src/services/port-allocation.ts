import type { PortAssignment } from '../core/model.js';
import type { Slot } from '../core/labels.js';
import { candidatePorts, noPortsLeft } from '../core/port-plan.js';
import type { Deps } from './deps.js';

/** Assigns both slot ports of each web replica that has none yet, skipping ports something else listens on. */
export async function ensureWebPorts(deps: Pick<Deps, 'store' | 'portProbe' | 'settings'>, app: string, replicas: number): Promise<PortAssignment[]> {
  const existing = deps.store.ports.list(app);
  const wanted: { replica: number; slot: Slot }[] = [];
  for (let replica = 1; replica <= replicas; replica++) {
    for (const slot of ['blue', 'green'] as const) {
      if (!existing.some((p) => p.process === 'web' && p.replica === replica && p.slot === slot)) wanted.push({ replica, slot });
    }
  }
  if (wanted.length === 0) return existing;
  const taken = new Set(deps.store.ports.list().map((p) => p.port));
  const free: number[] = [];
  for (const candidate of candidatePorts(deps.settings.portRange, taken)) {
    if (free.length === wanted.length) break;
    if (await deps.portProbe.isFree(candidate)) free.push(candidate);
  }
  if (free.length < wanted.length) throw noPortsLeft(deps.settings.portRange);
  deps.store.ports.assign(wanted.map((w, i) => ({ port: free[i]!, app, process: 'web', ...w })));
  return deps.store.ports.list(app);
}
