import { PaasError } from '../errors.js';

export const ZERO_OID = '0000000000000000000000000000000000000000';
const OID = /^[0-9a-f]{40}$/;

export function isOid(s: string): boolean {
  return OID.test(s);
}

/**
 * The subset of `git check-ref-format` that matters here, restricted to branches and tags: anything else a client
 * sends is refused before it can touch a file name.
 */
export function validatePushRef(ref: string): string {
  const bad = (why: string) => new PaasError('GIT_REF_REJECTED', `ref ${JSON.stringify(ref).slice(0, 100)} refused: ${why}`);
  if (!/^refs\/(heads|tags)\/./.test(ref)) throw bad('only refs/heads/* and refs/tags/* are accepted');
  if (ref.length > 255) throw bad('too long');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) throw bad('contains a forbidden character');
  if (ref.includes('..') || ref.includes('@{') || ref.includes('//')) throw bad('contains a forbidden sequence');
  if (ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock')) throw bad('bad ending');
  if (ref.split('/').some((part) => part.startsWith('.'))) throw bad('a component starts with a dot');
  return ref;
}

export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}
