import { PaasError } from '../errors.js';
import { isOid, ZERO_OID } from './refs.js';

export interface RefUpdate {
  oldOid: string;
  newOid: string;
  ref: string;
}

export interface ReceiveRequest {
  updates: RefUpdate[];
  capabilities: Set<string>;
}

/** Parses the command pkt-lines a client sends to git-receive-pack (before the pack). */
export function parseReceiveCommands(lines: Buffer[]): ReceiveRequest {
  const updates: RefUpdate[] = [];
  let capabilities = new Set<string>();
  lines.forEach((raw, i) => {
    let line = raw.toString('utf8');
    if (i === 0) {
      const nul = line.indexOf('\0');
      if (nul >= 0) {
        capabilities = new Set(line.slice(nul + 1).trim().split(' ').filter(Boolean));
        line = line.slice(0, nul);
      }
    }
    line = line.replace(/\n$/, '');
    if (line.startsWith('shallow ')) throw new PaasError('GIT_PROTOCOL', 'shallow pushes are not supported');
    if (line.startsWith('push-cert')) throw new PaasError('GIT_PROTOCOL', 'signed pushes are not supported');
    const parts = line.split(' ');
    if (parts.length !== 3 || !isOid(parts[0]!) || !isOid(parts[1]!) || parts[2]!.length === 0) {
      throw new PaasError('GIT_PROTOCOL', `malformed command ${JSON.stringify(line).slice(0, 120)}`);
    }
    updates.push({ oldOid: parts[0]!, newOid: parts[1]!, ref: parts[2]! });
  });
  if (updates.length === 0) throw new PaasError('GIT_PROTOCOL', 'no ref updates in the request');
  return { updates, capabilities };
}

/** Deletions carry no pack; everything else does (possibly with zero objects). */
export function expectsPack(req: ReceiveRequest): boolean {
  return req.updates.some((u) => u.newOid !== ZERO_OID);
}
