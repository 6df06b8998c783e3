import { PaasError } from './errors.js';

/** Process types that never run continuously: `release` is a one-off command run before the switch. */
export const ONE_OFF_TYPES = new Set(['release']);

const TYPE = /^[a-z][a-z0-9_-]{0,29}$/;
export const MAX_REPLICAS = 20;

/** The stored scale of one process type of an app, with its resource limits. */
export interface FormationEntry {
  process: string;
  quantity: number;
  memoryBytes?: number;
  nanoCpus?: number;
}

/** The process types a release runs: its Procfile's, or `web` (the image's own command) when it has none. */
export function processTypes(processes: Record<string, string>): string[] {
  const types = Object.keys(processes).filter((t) => !ONE_OFF_TYPES.has(t));
  return types.length ? types.sort() : ['web'];
}

/**
 * How many containers of each type a release runs: the stored quantity when the type has one (ps:scale persists),
 * else 1 the first time a type appears. Types absent from the release do not run.
 */
export function formationFor(processes: Record<string, string>, stored: FormationEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of processTypes(processes)) out[type] = stored.find((e) => e.process === type)?.quantity ?? 1;
  return out;
}

/** Parses `web=2 worker=1`: absolute numbers, like Heroku's ps:scale. */
export function parseScale(args: string[]): Record<string, number> {
  if (args.length === 0) throw new PaasError('INVALID_INPUT', 'nothing to scale', { hint: 'e.g. paas ps:scale web=2 worker=1' });
  const out: Record<string, number> = {};
  for (const arg of args) {
    const m = /^([^=]+)=(\d{1,3})$/.exec(arg);
    if (!m || !TYPE.test(m[1]!)) throw new PaasError('INVALID_INPUT', `cannot read ${JSON.stringify(arg).slice(0, 60)}`, { hint: 'use TYPE=N, e.g. web=2' });
    const n = Number(m[2]);
    if (n > MAX_REPLICAS) throw new PaasError('INVALID_INPUT', `${m[1]}=${n}: at most ${MAX_REPLICAS} replicas per process type`);
    out[m[1]!] = n;
  }
  return out;
}

/** Checks a scale request against the process types of the release that runs. */
export function checkScaleTypes(scale: Record<string, number>, processes: Record<string, string>): void {
  const known = processTypes(processes);
  for (const type of Object.keys(scale)) {
    if (!known.includes(type)) {
      throw new PaasError('INVALID_INPUT', `no process type ${type} in the current release`, { hint: `its types: ${known.join(', ')}` });
    }
  }
}
