import fs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { PaasError } from '../../core/errors.js';

export interface QuarantinedPack {
  path: string;
  objects: number;
  checksum: string;
}

/**
 * Streams a pack to a quarantine file outside objects/pack (invisible to readers), checking the header, the size
 * cap and the SHA-1 trailer. Returns undefined for an empty input (a push that only deletes refs).
 */
export async function quarantinePack(chunks: AsyncIterable<Buffer>, gitdir: string, maxBytes: number): Promise<QuarantinedPack | undefined> {
  const dir = join(gitdir, 'objects', 'incoming');
  await fs.promises.mkdir(dir, { recursive: true });
  const path = join(dir, `incoming-${randomBytes(8).toString('hex')}.pack`);
  const out = fs.createWriteStream(path);
  const hash = createHash('sha1');
  let tail = Buffer.alloc(0);
  let header = Buffer.alloc(0);
  let total = 0;
  try {
    for await (const chunk of chunks) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new PaasError('GIT_PACK_INVALID', `push is larger than the limit of ${formatBytes(maxBytes)}`, {
          hint: 'raise --max-pack-size, or push less history at once',
        });
      }
      if (header.length < 12) header = Buffer.concat([header, chunk.subarray(0, 12 - header.length)]);
      // Everything but the last 20 bytes is hashed; the last 20 are the trailer to compare with.
      const joined = Buffer.concat([tail, chunk]);
      hash.update(joined.subarray(0, Math.max(0, joined.length - 20)));
      tail = joined.subarray(Math.max(0, joined.length - 20));
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (total === 0) {
      await fs.promises.rm(path, { force: true });
      return undefined;
    }
    const objects = checkHeader(header);
    const checksum = hash.digest('hex');
    if (total < 32 || tail.toString('hex') !== checksum) throw new PaasError('GIT_PACK_INVALID', 'pack checksum mismatch (truncated or corrupt pack)');
    return { path, objects, checksum };
  } catch (e) {
    out.destroy();
    await fs.promises.rm(path, { force: true });
    throw e;
  }
}

function checkHeader(h: Buffer): number {
  if (h.length < 12 || h.subarray(0, 4).toString('latin1') !== 'PACK') throw new PaasError('GIT_PACK_INVALID', 'not a git pack');
  const version = h.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw new PaasError('GIT_PACK_INVALID', `unsupported pack version ${version}`);
  return h.readUInt32BE(8);
}

/**
 * Indexes a quarantined pack and checks that every object the header announced was resolved (isomorphic-git skips
 * deltas it cannot resolve), then publishes it: .pack before .idx, since readers find packs by their index.
 */
export async function publishPack(gitdir: string, pack: QuarantinedPack, cache: object): Promise<string[]> {
  const idxPath = pack.path.replace(/\.pack$/, '.idx');
  try {
    if (pack.objects === 0) return [];
    let oids: string[];
    try {
      ({ oids } = await git.indexPack({ fs, dir: gitdir, gitdir, filepath: pack.path.slice(gitdir.length + 1), cache }));
    } catch (e) {
      throw new PaasError('GIT_PACK_INVALID', `pack cannot be indexed: ${(e as Error).message}`);
    }
    if (oids.length !== pack.objects) {
      throw new PaasError('GIT_PACK_INVALID', `pack announced ${pack.objects} objects but ${oids.length} could be resolved`);
    }
    const final = join(gitdir, 'objects', 'pack', `pack-${pack.checksum}`);
    await fs.promises.mkdir(join(gitdir, 'objects', 'pack'), { recursive: true });
    await fs.promises.rename(pack.path, `${final}.pack`);
    await fs.promises.rename(idxPath, `${final}.idx`);
    return oids;
  } finally {
    await fs.promises.rm(pack.path, { force: true });
    await fs.promises.rm(idxPath, { force: true });
  }
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  return `${n} bytes`;
}
