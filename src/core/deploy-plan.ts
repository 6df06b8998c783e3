import { containerLabels, containerName, otherSlot, type Slot } from './labels.js';
import type { PortAssignment, Release } from './model.js';
import { PaasError } from './errors.js';

export interface PlannedContainer {
  name: string;
  image: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  /** Undefined: the image's own command. */
  cmd?: string[];
  process: string;
  replica: number;
  /** Web containers: the loopback port to health-check before traffic moves. */
  port?: number;
}

export interface SwitchPlan {
  slot: Slot;
  start: PlannedContainer[];
}

/**
 * Plans a blue/green switch: the release's containers go on the slot that is not live, with their ports, env and
 * labels. Old containers are stopped by the caller once the new ones are healthy.
 */
export function planSwitch(input: {
  release: Release;
  liveSlot?: Slot;
  ports: PortAssignment[];
  formation: Record<string, number>;
}): SwitchPlan {
  const slot: Slot = input.liveSlot ? otherSlot(input.liveSlot) : 'blue';
  const start: PlannedContainer[] = [];
  for (const [process, quantity] of Object.entries(input.formation)) {
    for (let replica = 1; replica <= quantity; replica++) {
      const port = process === 'web' ? portFor(input.ports, process, replica, slot) : undefined;
      const id = { app: input.release.app, process, replica, slot };
      const command = input.release.processes[process];
      start.push({
        name: containerName(id),
        image: input.release.image,
        env: containerEnv(input.release, process, replica, port),
        labels: containerLabels({ ...id, version: input.release.version, port }),
        cmd: command ? ['/bin/sh', '-c', command] : undefined,
        process,
        replica,
        port,
      });
    }
  }
  return { slot, start };
}

function portFor(ports: PortAssignment[], process: string, replica: number, slot: Slot): number {
  const found = ports.find((p) => p.process === process && p.replica === replica && p.slot === slot);
  if (!found) throw new PaasError('NO_PORTS', `no ${slot} port assigned to ${process}.${replica}`);
  return found.port;
}

/** Config vars first, then what paas itself sets (users cannot override PORT: the router depends on it). */
export function containerEnv(release: Release, process: string, replica: number, port?: number): Record<string, string> {
  const env: Record<string, string> = { ...release.config };
  env.PAAS_APP = release.app;
  env.PAAS_RELEASE = `v${release.version}`;
  env.DYNO = `${process}.${replica}`;
  if (port !== undefined) env.PORT = String(port);
  return env;
}
