import { containerLabels, containerName, otherSlot, LABEL, parseVersion, type Slot } from './labels.js';
import type { PortAssignment, Release } from './model.js';
import type { FormationEntry } from './formation.js';
import type { VolumeMount } from './volumes.js';
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
  slot: Slot;
  /** Web containers: the loopback port to health-check before traffic moves. */
  port?: number;
  memoryBytes?: number;
  nanoCpus?: number;
  volumes: VolumeMount[];
}

/** What should run: a release at a formation, each process type on a slot. */
export interface DesiredState {
  release: Release;
  formation: Record<string, number>;
  slots: Record<string, Slot>;
  ports: PortAssignment[];
  limits?: FormationEntry[];
  volumes?: VolumeMount[];
}

/** A running (or stopped) container as its labels describe it. */
export interface ObservedContainer {
  name: string;
  process: string;
  replica: number;
  slot?: Slot;
  version?: number;
  running: boolean;
}

export interface ConvergencePlan {
  /** Containers to (re)create; a stale container of the same name is replaced. */
  start: PlannedContainer[];
  /** Desired containers that already run the right release. */
  keep: PlannedContainer[];
  /** Containers that are not wanted any more: stopped once the new ones are healthy. */
  stop: ObservedContainer[];
}

/** Every container of the desired state, with its port, env, labels, limits and volumes. */
export function planContainers(d: DesiredState): PlannedContainer[] {
  const out: PlannedContainer[] = [];
  for (const [process, quantity] of Object.entries(d.formation)) {
    const slot = d.slots[process];
    if (!slot) throw new PaasError('INTERNAL', `no slot chosen for ${process}`);
    const limits = d.limits?.find((l) => l.process === process);
    const command = d.release.processes[process];
    for (let replica = 1; replica <= quantity; replica++) {
      const port = process === 'web' ? portFor(d.ports, process, replica, slot) : undefined;
      const id = { app: d.release.app, process, replica, slot };
      out.push({
        name: containerName(id),
        image: d.release.image,
        env: containerEnv(d.release, process, replica, port),
        labels: containerLabels({ ...id, version: d.release.version, port }),
        cmd: command ? ['/bin/sh', '-c', command] : undefined,
        process,
        replica,
        slot,
        port,
        memoryBytes: limits?.memoryBytes,
        nanoCpus: limits?.nanoCpus,
        volumes: d.volumes ?? [],
      });
    }
  }
  return out;
}

/**
 * Compares the desired containers with what runs: a desired container already running the same release is kept,
 * a missing or stale one is started, and everything else of the app is stopped.
 */
export function planConvergence(d: DesiredState, observed: ObservedContainer[]): ConvergencePlan {
  const desired = planContainers(d);
  const names = new Set(desired.map((c) => c.name));
  const current = (c: PlannedContainer) => observed.some((o) => o.name === c.name && o.running && o.version === d.release.version);
  return {
    start: desired.filter((c) => !current(c)),
    keep: desired.filter(current),
    stop: observed.filter((o) => !names.has(o.name)),
  };
}

/**
 * The slot of each process type. A switch moves the switched types to the slot they are not on (web's current slot
 * is the live one recorded in the store; other types' is read from their containers); otherwise each stays put.
 */
export function chooseSlots(input: {
  types: string[];
  liveSlot?: Slot;
  observed: ObservedContainer[];
  /** Types that move to their other slot; the rest stay where they run. */
  switching: string[];
}): Record<string, Slot> {
  const webTarget = input.switching.includes('web') ? (input.liveSlot ? otherSlot(input.liveSlot) : 'blue') : (input.liveSlot ?? 'blue');
  const slots: Record<string, Slot> = {};
  for (const type of input.types) {
    const current = type === 'web' ? input.liveSlot : input.observed.find((o) => o.process === type && o.running && o.slot)?.slot;
    if (!input.switching.includes(type)) slots[type] = current ?? input.liveSlot ?? 'blue';
    else slots[type] = type === 'web' ? webTarget : current ? otherSlot(current) : webTarget;
  }
  return slots;
}

/** Reads a container's identity from its labels; undefined for a container paas did not label fully. */
export function observedFromLabels(name: string, labels: Record<string, string>, running: boolean): ObservedContainer | undefined {
  const process = labels[LABEL.process];
  const replica = Number(labels[LABEL.replica]);
  if (!process || !Number.isInteger(replica)) return undefined;
  const slot = labels[LABEL.slot];
  return {
    name,
    process,
    replica,
    slot: slot === 'blue' || slot === 'green' ? slot : undefined,
    version: parseVersion(labels[LABEL.release]),
    running,
  };
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
