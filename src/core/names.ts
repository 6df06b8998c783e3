import { PaasError } from './errors.js';

const APP_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** App names end up in paths, docker names, labels and nginx identifiers: keep them to a safe alphabet. */
export function validateAppName(name: unknown): string {
  if (typeof name !== 'string' || !APP_NAME.test(name) || name.endsWith('-') || name.includes('--')) {
    throw new PaasError('INVALID_APP_NAME', `invalid app name ${JSON.stringify(String(name)).slice(0, 80)}`, {
      hint: 'use 1-63 characters: a lowercase letter first, then lowercase letters, digits or single dashes',
    });
  }
  return name;
}

export function isValidAppName(name: unknown): name is string {
  try {
    validateAppName(name);
    return true;
  } catch {
    return false;
  }
}

/** RFC 1123 host name, lowercase, at least two labels unless it is `localhost`-like single label allowed by caller. */
export function validateDomain(domain: unknown, opts: { allowSingleLabel?: boolean } = {}): string {
  const bad = (why: string) =>
    new PaasError('INVALID_DOMAIN', `invalid domain ${JSON.stringify(String(domain)).slice(0, 80)}: ${why}`);
  if (typeof domain !== 'string') throw bad('not a string');
  if (domain.length === 0 || domain.length > 253) throw bad('length must be 1-253 characters');
  if (domain !== domain.toLowerCase()) throw bad('use lowercase');
  const labels = domain.split('.');
  if (labels.length < 2 && !opts.allowSingleLabel) throw bad('needs at least two labels');
  for (const label of labels) {
    if (!LABEL.test(label)) throw bad(`label ${JSON.stringify(label).slice(0, 70)} is not RFC 1123`);
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) throw bad('the top-level label cannot be numeric');
  return domain;
}

export function validateEnvKey(key: unknown): string {
  if (!isValidEnvKey(key)) {
    throw new PaasError('INVALID_ENV_KEY', `invalid config key ${JSON.stringify(String(key)).slice(0, 80)}`, {
      hint: 'keys are letters, digits and underscores, not starting with a digit',
    });
  }
  return key;
}

export function isValidEnvKey(key: unknown): key is string {
  return typeof key === 'string' && ENV_KEY.test(key) && key.length <= 255;
}
