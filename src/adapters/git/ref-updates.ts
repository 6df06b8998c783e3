import { errorMessage } from '../../core/errors.js';
import type { ObjectType } from '../../core/git/pack-format.js';
import type { RefUpdate } from '../../core/git/receive-request.js';
import type { RefResult } from '../../core/git/report-status.js';
import { branchOf, validatePushRef, ZERO_OID } from '../../core/git/refs.js';
import { deleteRef, refOid, writeRefAtomic } from './repos.js';

/**
 * Why an update must be refused, or undefined: a ref outside refs/heads and refs/tags, a stale old id (the client
 * did not see the latest push), a missing new object, a branch pointing at something other than a commit.
 */
export async function checkUpdate(gitdir: string, u: RefUpdate, typeOf: (oid: string) => Promise<ObjectType | undefined>): Promise<string | undefined> {
  try {
    validatePushRef(u.ref);
  } catch (e) {
    return errorMessage(e).replace(/^ref "[^"]*" refused: /, '');
  }
  const current = (await refOid(gitdir, u.ref)) ?? ZERO_OID;
  if (current !== u.oldOid) return 'stale info: fetch first';
  if (u.newOid === ZERO_OID) return undefined;
  const type = await typeOf(u.newOid);
  if (!type) return 'missing necessary objects';
  if (branchOf(u.ref) !== undefined && type !== 'commit') return 'a branch must point to a commit';
  return undefined;
}

/** Moves every ref not in `rejected`, one by one; a ref that cannot be written is reported, not thrown. */
export async function applyUpdates(gitdir: string, updates: RefUpdate[], rejected: Map<string, string>): Promise<RefResult[]> {
  const results: RefResult[] = [];
  for (const u of updates) {
    let error = rejected.get(u.ref);
    if (error === undefined) {
      try {
        if (u.newOid === ZERO_OID) await deleteRef(gitdir, u.ref);
        else await writeRefAtomic(gitdir, u.ref, u.newOid);
      } catch (e) {
        error = `cannot lock ref: ${errorMessage(e).slice(0, 100)}`;
      }
    }
    results.push({ ref: u.ref, error });
  }
  return results;
}
