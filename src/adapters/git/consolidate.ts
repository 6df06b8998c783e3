import fs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { encodeEntryHeader, OFS_DELTA, packHeader, parseEntryHeader, REF_DELTA, TRAILER_BYTES } from '../../core/git/pack-format.js';
import { IdxReader } from '../../core/git/pack-idx.js';
import { FileWindow } from './file-window.js';
import { indexPackFile } from './pack-indexer.js';
import { discardPack, incomingDir } from './pack-intake.js';

export interface ConsolidateResult {
  packsBefore: number;
  objects: number;
  bytes: number;
}

interface SourcePack {
  base: string;
  idx: IdxReader;
  /** Entries in pack order: where each starts and ends, and its id. */
  entries: { offset: number; end: number; oid: string }[];
}

/**
 * Merges every pack of a repository into one by copying entries as they are (deltas stay deltas, nothing is
 * recompressed). An object already copied from an older pack is skipped; a delta whose base was skipped that way
 * becomes a ref-delta naming the base, and other ofs-deltas get their distance recomputed. The result is indexed
 * and checked like a pushed pack (all objects resolved, same object count) before it replaces the old packs.
 * Unreachable objects are kept: nothing is ever lost. The caller holds the app's git lock.
 */
export async function consolidatePacks(gitdir: string, opts: { maxObjectBytes: number }): Promise<ConsolidateResult | undefined> {
  const packDir = join(gitdir, 'objects', 'pack');
  const sources = await loadSources(packDir);
  if (sources.length < 2) return undefined;
  const unique = new Set(sources.flatMap((s) => s.entries.map((e) => e.oid)));
  const quarantine = { dir: join(incomingDir(gitdir), `consolidate-${randomBytes(8).toString('hex')}`) };
  await fs.promises.mkdir(quarantine.dir, { recursive: true });
  try {
    const merged = join(quarantine.dir, 'merged.pack');
    const bytes = await writeMerged(sources, merged, unique.size);
    const indexed = await indexPackFile(merged, opts);
    if (indexed.count !== unique.size) throw new Error(`consolidated pack holds ${indexed.count} objects, expected ${unique.size}`);
    const final = join(packDir, `pack-${indexed.checksum.toString('hex')}`);
    await fs.promises.writeFile(join(quarantine.dir, 'merged.idx'), indexed.idx, { mode: 0o444 });
    await fs.promises.chmod(merged, 0o444);
    await fs.promises.rename(merged, `${final}.pack`);
    await fs.promises.rename(join(quarantine.dir, 'merged.idx'), `${final}.idx`);
    // Indexes first: a reader that lists packs finds either the new one alone or old ones still whole.
    for (const s of sources.filter((src) => src.base !== final)) await fs.promises.rm(`${s.base}.idx`, { force: true });
    for (const s of sources.filter((src) => src.base !== final)) await fs.promises.rm(`${s.base}.pack`, { force: true });
    return { packsBefore: sources.length, objects: indexed.count, bytes };
  } finally {
    await discardPack(quarantine);
  }
}

async function loadSources(packDir: string): Promise<SourcePack[]> {
  const names = (await fs.promises.readdir(packDir).catch(() => [] as string[])).filter((n) => /^pack-[0-9a-f]{40}\.idx$/.test(n));
  const sources: (SourcePack & { mtime: number })[] = [];
  for (const name of names) {
    const base = join(packDir, name.slice(0, -'.idx'.length));
    const stat = await fs.promises.stat(`${base}.pack`).catch(() => undefined);
    if (!stat) continue;
    const idx = new IdxReader(await fs.promises.readFile(`${base}.idx`));
    const entries = Array.from({ length: idx.count }, (_, i) => ({ offset: idx.offset(i), end: 0, oid: idx.oid(i).toString('hex') }));
    entries.sort((a, b) => a.offset - b.offset);
    entries.forEach((e, i) => (e.end = i + 1 < entries.length ? entries[i + 1]!.offset : stat.size - TRAILER_BYTES));
    sources.push({ base, idx, entries, mtime: stat.mtimeMs });
  }
  // Oldest first, so that the first copy of an object is the one that was there first.
  return sources.sort((a, b) => a.mtime - b.mtime || a.base.localeCompare(b.base));
}

async function writeMerged(sources: SourcePack[], path: string, count: number): Promise<number> {
  const out = await fs.promises.open(path, 'wx', 0o644);
  const hash = createHash('sha1');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let written = 0;
  const emit = async (chunk: Buffer, force = false) => {
    hash.update(chunk);
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= 1 << 20 || force) {
      await out.writev(pending);
      written += pendingBytes;
      pending = [];
      pendingBytes = 0;
    }
  };
  try {
    await emit(packHeader(count));
    const copied = new Set<string>();
    for (const source of sources) {
      const file = await FileWindow.open(`${source.base}.pack`);
      const oidAt = new Map(source.entries.map((e) => [e.offset, e.oid]));
      const movedTo = new Map<number, number>();
      try {
        for (const e of source.entries) {
          if (copied.has(e.oid)) continue;
          const raw = Buffer.from(await file.view(e.offset, e.end - e.offset)).subarray(0, e.end - e.offset);
          const h = parseEntryHeader(raw, 0);
          const at = written + pendingBytes;
          if (h.kind === OFS_DELTA) {
            const baseOffset = e.offset - h.baseDistance!;
            const baseAt = movedTo.get(baseOffset);
            const head = baseAt !== undefined ? encodeEntryHeader(OFS_DELTA, h.size, { distance: at - baseAt }) : encodeEntryHeader(REF_DELTA, h.size, { oid: oidAt.get(baseOffset)! });
            await emit(Buffer.concat([head, raw.subarray(h.length)]));
          } else {
            await emit(raw);
          }
          movedTo.set(e.offset, at);
          copied.add(e.oid);
        }
      } finally {
        await file.close();
      }
    }
    await emit(Buffer.alloc(0), true);
    const trailer = hash.digest();
    await out.write(trailer);
    return written + trailer.length;
  } finally {
    await out.close();
  }
}
