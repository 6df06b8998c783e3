/**
 * Docker names and labels: a contract with containers already running on users' servers. Change nothing here
 * without a migration.
 */
export const LABEL = {
  managed: 'paas.managed',
  app: 'paas.app',
  release: 'paas.release',
  process: 'paas.process',
  replica: 'paas.replica',
  slot: 'paas.slot',
  port: 'paas.port',
  /** One-off containers (the release phase): never part of the formation, removed when they exit. */
  task: 'paas.task',
  /** Which paas server (data dir) owns the container: several may share one Docker engine, none touches another's. */
  instance: 'paas.instance',
} as const;

export type Slot = 'blue' | 'green';

export const otherSlot = (slot: Slot): Slot => (slot === 'blue' ? 'green' : 'blue');

/** One immutable image per release. */
export function imageTag(app: string, version: number): string {
  return `paas/${app}:v${version}`;
}

export function imageRepository(app: string): string {
  return `paas/${app}`;
}

export interface ContainerIdentity {
  app: string;
  process: string;
  replica: number;
  slot: Slot;
}

export function containerName(id: ContainerIdentity): string {
  return `paas-${id.app}-${id.process}-${id.replica}-${id.slot}`;
}

export function containerLabels(id: ContainerIdentity & { version: number; port?: number }): Record<string, string> {
  const labels: Record<string, string> = {
    [LABEL.managed]: 'true',
    [LABEL.app]: id.app,
    [LABEL.release]: `v${id.version}`,
    [LABEL.process]: id.process,
    [LABEL.replica]: String(id.replica),
    [LABEL.slot]: id.slot,
  };
  if (id.port !== undefined) labels[LABEL.port] = String(id.port);
  return labels;
}

/** Parses `v12` (or `12`) into 12; undefined when it is not a release label. */
export function parseVersion(label: string | undefined): number | undefined {
  const m = /^v?([1-9][0-9]{0,8})$/.exec(label ?? '');
  return m ? Number(m[1]) : undefined;
}

/** A one-off container of a release, e.g. `paas-shop-release-v7` for the release phase. */
export function taskContainerName(app: string, task: string, version: number): string {
  return `paas-${app}-${task}-v${version}`;
}

export function taskLabels(app: string, task: string, version: number): Record<string, string> {
  return { [LABEL.managed]: 'true', [LABEL.app]: app, [LABEL.release]: `v${version}`, [LABEL.process]: task, [LABEL.task]: 'true' };
}
