import { PaasError } from './errors.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `512m`, `1g`, `262144k` → bytes (Docker's units); at least 6 MiB, which is Docker's own floor. */
export function parseMemory(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([bkmg]?)$/i.exec(text.trim());
  const bytes = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!m || !Number.isSafeInteger(bytes)) throw new PaasError('INVALID_INPUT', `cannot read memory ${JSON.stringify(text)}`, { hint: 'e.g. 512m or 1g' });
  if (bytes < 6 * 1024 ** 2) throw new PaasError('INVALID_INPUT', `memory ${text} is below Docker's minimum of 6m`);
  return bytes;
}

/** `0.5` CPUs → Docker's NanoCpus. */
export function parseCpus(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d{1,3})?$/.test(text.trim()) || !(n >= 0.01) || n > 1024) {
    throw new PaasError('INVALID_INPUT', `cannot read cpus ${JSON.stringify(text)}`, { hint: 'a number of CPUs such as 0.5 or 2' });
  }
  return Math.round(n * 1e9);
}

export function formatMemory(bytes: number | undefined): string {
  if (bytes === undefined) return 'unlimited';
  for (const [unit, size] of [['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024]] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}b`;
}

export function formatCpus(nano: number | undefined): string {
  return nano === undefined ? 'unlimited' : String(nano / 1e9);
}
