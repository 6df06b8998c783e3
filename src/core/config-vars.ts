import { PaasError } from './errors.js';
import { validateEnvKey } from './names.js';

/** Set by paas for every container: the router and the logs depend on them. */
export const RESERVED_KEYS = new Set(['PORT', 'DYNO', 'PAAS_APP', 'PAAS_RELEASE']);

/** Linux caps one `KEY=VALUE` environment string at 128 KiB (MAX_ARG_STRLEN, with its NUL). */
const MAX_ENTRY_BYTES = 128 * 1024 - 1;

/**
 * Values are any text (newlines, quotes, `$(…)`, unicode): they reach the container as environment entries through
 * the engine's API, never through a shell or a file. Only what the kernel cannot carry is refused.
 */
export function validateConfigVars(vars: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) {
    validateEnvKey(key);
    if (RESERVED_KEYS.has(key)) throw new PaasError('INVALID_ENV_KEY', `${key} is set by paas and cannot be changed`);
    if (typeof value !== 'string') throw new PaasError('INVALID_INPUT', `the value of ${key} must be a string`);
    if (value.includes('\0')) throw new PaasError('INVALID_INPUT', `the value of ${key} holds a NUL byte, which no environment can carry`);
    if (Buffer.byteLength(key) + 1 + Buffer.byteLength(value) > MAX_ENTRY_BYTES) {
      throw new PaasError('INVALID_INPUT', `the value of ${key} is too large (the kernel's limit is 128 KiB per variable)`);
    }
    out[key] = value;
  }
  return out;
}

/** `K=V` arguments of `config:set`: the value is everything after the first `=`, kept byte for byte. */
export function parseAssignments(args: string[]): Record<string, string> {
  if (args.length === 0) throw new PaasError('INVALID_INPUT', 'nothing to set', { hint: 'e.g. paas config:set KEY=VALUE' });
  const out: Record<string, string> = {};
  for (const arg of args) {
    const i = arg.indexOf('=');
    if (i <= 0) throw new PaasError('INVALID_INPUT', `expected KEY=VALUE, got ${JSON.stringify(arg.slice(0, 40))}`);
    out[arg.slice(0, i)] = arg.slice(i + 1);
  }
  return validateConfigVars(out);
}

/** Release descriptions name keys, never values: `Set A, B config vars`. */
export function describeConfigChange(set: string[], unset: string[]): string {
  const parts: string[] = [];
  if (set.length) parts.push(`Set ${set.join(', ')}`);
  if (unset.length) parts.push(`Unset ${unset.join(', ')}`);
  return `${parts.join('; ')} config var${set.length + unset.length === 1 ? '' : 's'}`;
}
