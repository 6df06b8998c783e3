import { PaasError } from './errors.js';

export interface PortRange {
  from: number;
  to: number;
}

/** Slot ports stay below 32768, outside Linux's ephemeral range, so that nginx never connects to itself on one. */
export function parsePortRange(text: string): PortRange {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2]) : NaN;
  if (!m || from < 1024 || to > 32767 || from > to) {
    throw new PaasError('CONFIG_INVALID', `port range must look like 20000-29999 within 1024-32767, got ${JSON.stringify(text)}`);
  }
  return { from, to };
}

/** Ports of `range` the store has not handed out, lowest first. */
export function* candidatePorts(range: PortRange, taken: Set<number>): Generator<number> {
  for (let p = range.from; p <= range.to; p++) if (!taken.has(p)) yield p;
}

export function noPortsLeft(range: PortRange): PaasError {
  return new PaasError('NO_PORTS', `no free ports left in ${range.from}-${range.to}`, { hint: 'widen --port-range' });
}
