import fs from 'node:fs';
import { once } from 'node:events';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PaasError } from '../../core/errors.js';
import { PACK_HEADER_BYTES, parsePackHeader, TRAILER_BYTES } from '../../core/git/pack-format.js';
import { indexPackFile, type IndexedPack } from './pack-indexer.js';

/** A received pack in its own directory under objects/incoming, invisible to readers of the repository. */
export interface QuarantinedPack {
  dir: string;
  path: string;
  bytes: number;
  indexed: IndexedPack;
}

export interface IntakeLimits {
  maxPackBytes: number;
  maxObjectBytes: number;
}

export const incomingDir = (gitdir: string) => join(gitdir, 'objects', 'incoming');

/**
 * Streams a pack into quarantine, checking the header as soon as it arrives, the size cap on the way and the SHA-1
 * trailer at the end, then indexes it (every announced object resolved, no thin deltas). Returns undefined for an
 * empty input (a push that only deletes refs). On any failure the quarantine is gone before this throws.
 */
export async function quarantinePack(chunks: AsyncIterable<Buffer>, gitdir: string, limits: IntakeLimits): Promise<QuarantinedPack | undefined> {
  const dir = join(incomingDir(gitdir), randomBytes(8).toString('hex'));
  await fs.promises.mkdir(dir, { recursive: true });
  const path = join(dir, 'incoming.pack');
  try {
    const bytes = await streamToFile(chunks, path, limits.maxPackBytes);
    if (bytes === 0) {
      await discardPack({ dir });
      return undefined;
    }
    const indexed = await indexPackFile(path, { maxObjectBytes: limits.maxObjectBytes });
    return { dir, path, bytes, indexed };
  } catch (e) {
    await discardPack({ dir });
    throw e;
  }
}

async function streamToFile(chunks: AsyncIterable<Buffer>, path: string, maxBytes: number): Promise<number> {
  const out = fs.createWriteStream(path, { flags: 'wx', mode: 0o644 });
  // The stream's first error (a full disk) fails the push; errors of writes still under way when the push is
  // refused and the stream destroyed are moot, and without a listener they would crash the server.
  let failed: Error | undefined;
  out.on('error', (e) => (failed ??= e));
  const hash = createHash('sha1');
  let tail = Buffer.alloc(0);
  let header = Buffer.alloc(0);
  let total = 0;
  try {
    for await (const chunk of chunks) {
      if (failed) throw failed;
      total += chunk.length;
      if (total > maxBytes) {
        throw new PaasError('GIT_PACK_INVALID', `push is larger than the limit of ${formatBytes(maxBytes)}`, {
          hint: 'raise --max-pack-size, or push less history at once',
        });
      }
      if (header.length < PACK_HEADER_BYTES) {
        header = Buffer.concat([header, chunk.subarray(0, PACK_HEADER_BYTES - header.length)]);
        // Refuse garbage at once rather than after storing all of it.
        if (header.length === PACK_HEADER_BYTES) parsePackHeader(header);
        else if (!'PACK'.startsWith(header.toString('latin1', 0, 4))) parsePackHeader(header);
      }
      // Everything but the last 20 bytes is hashed; the last 20 are the trailer to compare with. Chunks are hashed
      // in place: copying each one would double the garbage a large push makes.
      if (chunk.length >= TRAILER_BYTES) {
        hash.update(tail);
        hash.update(chunk.subarray(0, chunk.length - TRAILER_BYTES));
        tail = Buffer.from(chunk.subarray(chunk.length - TRAILER_BYTES));
      } else {
        const joined = Buffer.concat([tail, chunk]);
        hash.update(joined.subarray(0, Math.max(0, joined.length - TRAILER_BYTES)));
        tail = joined.subarray(Math.max(0, joined.length - TRAILER_BYTES));
      }
      if (!out.write(chunk)) await once(out, 'drain'); // rejects on the stream's error
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (e) {
    out.destroy();
    throw e;
  }
  if (total === 0) return 0;
  if (total < PACK_HEADER_BYTES + TRAILER_BYTES) throw new PaasError('GIT_PACK_INVALID', 'the pack is truncated');
  parsePackHeader(header);
  if (!tail.equals(hash.digest())) throw new PaasError('GIT_PACK_INVALID', 'pack checksum mismatch (truncated or corrupt pack)');
  return total;
}

/**
 * Moves a checked pack into objects/pack: .pack before .idx, since readers find packs by their index. A pack of
 * zero objects (a push of commits the repository has) publishes nothing.
 */
export async function publishPack(gitdir: string, pack: QuarantinedPack): Promise<void> {
  if (pack.indexed.count === 0) return;
  const packDir = join(gitdir, 'objects', 'pack');
  const final = join(packDir, `pack-${pack.indexed.checksum.toString('hex')}`);
  const idxTmp = join(pack.dir, 'incoming.idx');
  await fs.promises.writeFile(idxTmp, pack.indexed.idx, { mode: 0o444 });
  await fs.promises.mkdir(packDir, { recursive: true });
  await fs.promises.chmod(pack.path, 0o444);
  await fs.promises.rename(pack.path, `${final}.pack`);
  await fs.promises.rename(idxTmp, `${final}.idx`);
}

export async function discardPack(pack: { dir: string }): Promise<void> {
  await fs.promises.rm(pack.dir, { recursive: true, force: true });
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} bytes`;
}
