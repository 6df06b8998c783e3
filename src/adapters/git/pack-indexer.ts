import zlib from 'node:zlib';
import {
  deflateBound, OBJECT_TYPES, OFS_DELTA, PACK_HEADER_BYTES, packError, parseEntryHeader, parsePackHeader, REF_DELTA,
  TRAILER_BYTES, type EntryHeader, type ObjectType,
} from '../../core/git/pack-format.js';
import { applyDelta } from '../../core/git/delta.js';
import { FileWindow } from './file-window.js';
import { EntryTable } from './pack-entry-table.js';

export interface IndexOptions {
  /** The largest object (or delta) accepted, inflated. */
  maxObjectBytes: number;
  /** The most inflated bytes held at once while resolving a delta chain. */
  heldBytesBudget?: number;
}

export interface IndexedPack {
  count: number;
  /** The pack's SHA-1 trailer. */
  checksum: Buffer;
  /** The pack's .idx file (version 2). */
  idx: Buffer;
  typeOf(oid: string): ObjectType | undefined;
  /** Objects this pack's commits, trees and tags point to that it does not hold: the repository must have them. */
  externalLinks: string[];
}

/**
 * Indexes a pack with Node's zlib, streaming: pass 1 walks the entries in order (hashing whole objects, noting
 * deltas), pass 2 resolves deltas from their bases. Every object the header announces must be found, the last one
 * must end at the trailer, and a delta must find its base in the same pack: a thin pack is refused, not completed
 * from the repository (isomorphic-git's indexPack would do that and store a pack git itself cannot read).
 */
export async function indexPackFile(path: string, opts: IndexOptions): Promise<IndexedPack> {
  const file = await FileWindow.open(path);
  try {
    const packEnd = file.size - TRAILER_BYTES;
    if (packEnd < PACK_HEADER_BYTES) throw packError('the pack is too short');
    const count = parsePackHeader(await file.view(0, PACK_HEADER_BYTES));
    const t = new EntryTable();
    let pos = PACK_HEADER_BYTES;
    for (let i = 0; i < count; i++) {
      if (pos >= packEnd) throw packError(`the pack header announces ${count} objects but the pack holds only ${i}`);
      const { header, content, end, crc } = await scanEntry(file, pos, packEnd, opts.maxObjectBytes);
      const index = t.add(pos, end, crc, header);
      if (header.kind === OFS_DELTA) {
        const base = t.indexAt(pos - header.baseDistance!);
        if (base < 0) throw packError(`the delta at offset ${pos} points to no object`);
        t.ofsChildren.set(base, [...(t.ofsChildren.get(base) ?? []), index]);
      } else if (header.kind === REF_DELTA) {
        t.refChildren.set(header.baseOid!, [...(t.refChildren.get(header.baseOid!) ?? []), index]);
        t.refBase.set(index, header.baseOid!);
      } else {
        t.resolve(index, OBJECT_TYPES[header.kind]!, content);
      }
      pos = end;
    }
    if (pos !== packEnd) throw packError(`${packEnd - pos} bytes of junk after the ${count} objects the pack header announces`);
    await resolveDeltas(t, file, opts);
    t.requireAllResolved();
    const checksum = await file.read(packEnd, TRAILER_BYTES);
    return t.finish(checksum);
  } finally {
    await file.close();
  }
}

/** Pass 2: from every whole object with deltas on it, depth first, releasing a base before its last child. */
async function resolveDeltas(t: EntryTable, file: FileWindow, opts: IndexOptions): Promise<void> {
  const budget = opts.heldBytesBudget ?? Math.max(512 * 2 ** 20, 2 * opts.maxObjectBytes);
  const load = async (i: number) => {
    const raw = await file.read(t.offsets[i]!, t.ends[i]! - t.offsets[i]!);
    return inflateAt(raw, parseEntryHeader(raw, 0), t.offsets[i]!);
  };
  for (let root = 0; root < t.size; root++) {
    if (t.deltas[root] || t.childrenOf(root).length === 0) continue;
    const stack = [{ type: OBJECT_TYPES[t.types[root]!]!, content: await load(root), kids: t.childrenOf(root), next: 0 }];
    let held = stack[0]!.content.length;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const child = top.kids[top.next++];
      if (top.next >= top.kids.length) {
        stack.pop();
        held -= top.content.length;
      }
      if (child === undefined || t.types[child] !== 0) continue;
      const result = applyDelta(await load(child), top.content, opts.maxObjectBytes);
      t.resolve(child, top.type, result);
      const kids = t.childrenOf(child);
      if (kids.length === 0) continue;
      held += result.length;
      if (held > budget) throw packError('delta chains too deep to resolve within the memory budget');
      stack.push({ type: top.type, content: result, kids, next: 0 });
    }
  }
}

interface ScannedEntry {
  header: EntryHeader;
  content: Buffer;
  end: number;
  crc: number;
}

/** Pass 1 reads through the window, growing it when a zlib stream runs past it. */
async function scanEntry(file: FileWindow, pos: number, packEnd: number, maxObjectBytes: number): Promise<ScannedEntry> {
  const head = await file.view(pos, 64);
  const header = parseEntryHeader(head.subarray(0, Math.min(head.length, packEnd - pos)), 0);
  if (header.size > maxObjectBytes) throw packError(`the object at offset ${pos} is ${header.size} bytes, over the limit of ${maxObjectBytes}`);
  let want = header.length + deflateBound(header.size);
  for (;;) {
    const view = await file.view(pos, want);
    const avail = Math.min(view.length, packEnd - pos);
    try {
      const { content, consumed } = inflateStream(view.subarray(0, avail), header, pos);
      const end = pos + header.length + consumed;
      return { header, content, end, crc: zlib.crc32(view.subarray(0, end - pos)) };
    } catch (e) {
      if ((e as { code?: string }).code === 'Z_BUF_ERROR' && pos + avail < packEnd) {
        want *= 2;
        continue;
      }
      throw e instanceof RangeError || (e as { code?: string }).code?.startsWith('Z_') ? packError(`the object at offset ${pos} is corrupt: ${(e as Error).message}`) : e;
    }
  }
}

function inflateAt(raw: Buffer, header: EntryHeader, pos: number): Buffer {
  try {
    return inflateStream(raw, header, pos).content;
  } catch (e) {
    throw packError(`the object at offset ${pos} is corrupt: ${(e as Error).message}`);
  }
}

function inflateStream(buf: Buffer, header: EntryHeader, pos: number): { content: Buffer; consumed: number } {
  const r = zlib.inflateSync(buf.subarray(header.length), { info: true, maxOutputLength: Math.max(1, header.size) }) as unknown as {
    buffer: Buffer;
    engine: { bytesWritten: number };
  };
  if (r.buffer.length !== header.size) throw packError(`the object at offset ${pos} inflates to ${r.buffer.length} bytes, its header says ${header.size}`);
  return { content: r.buffer, consumed: r.engine.bytesWritten };
}
