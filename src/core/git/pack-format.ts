import { createHash } from 'node:crypto';
import { PaasError } from '../errors.js';

/** Git's pack format (version 2): a 12-byte header, entries, a SHA-1 trailer over everything before it. */
export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';
export const OBJECT_TYPES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
export const TYPE_CODES: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };
export const OFS_DELTA = 6;
export const REF_DELTA = 7;
export const PACK_HEADER_BYTES = 12;
export const TRAILER_BYTES = 20;

export interface EntryHeader {
  /** 1-4 (an object type), 6 (ofs-delta) or 7 (ref-delta). */
  kind: number;
  /** Inflated size: the object's, or the delta's for deltas. */
  size: number;
  /** Bytes before the zlib stream (type/size varint, then the base reference for deltas). */
  length: number;
  /** ofs-delta: how far back the base entry starts. */
  baseDistance?: number;
  /** ref-delta: the base object id. */
  baseOid?: string;
}

export const packError = (message: string) => new PaasError('GIT_PACK_INVALID', message);

/** Reads the pack header: the object count. */
export function parsePackHeader(h: Buffer): number {
  if (h.length < PACK_HEADER_BYTES || h.toString('latin1', 0, 4) !== 'PACK') throw packError('not a git pack');
  const version = h.readUInt32BE(4);
  if (version !== 2) throw packError(`unsupported pack version ${version}`);
  return h.readUInt32BE(8);
}

export function packHeader(count: number): Buffer {
  const h = Buffer.alloc(PACK_HEADER_BYTES);
  h.write('PACK', 0, 'latin1');
  h.writeUInt32BE(2, 4);
  h.writeUInt32BE(count, 8);
  return h;
}

/**
 * Parses an entry header at `at`. `buf` must hold at least 32 bytes from `at` unless the file ends sooner; a
 * header longer than that is malformed anyway (sizes above 2^53 are refused).
 */
export function parseEntryHeader(buf: Buffer, at: number): EntryHeader {
  let i = at;
  const byte = () => {
    if (i >= buf.length) throw packError(`truncated entry header at offset ${at}`);
    return buf[i++]!;
  };
  let b = byte();
  const kind = (b >> 4) & 7;
  let size = b & 15;
  let scale = 16;
  while (b & 0x80) {
    b = byte();
    size += (b & 0x7f) * scale;
    scale *= 128;
    if (scale > 2 ** 53) throw packError(`object size too large at offset ${at}`);
  }
  const header: EntryHeader = { kind, size, length: 0 };
  if (kind === OFS_DELTA) {
    b = byte();
    let distance = b & 0x7f;
    while (b & 0x80) {
      b = byte();
      distance = (distance + 1) * 128 + (b & 0x7f);
      if (distance > 2 ** 53) throw packError(`delta base offset too large at offset ${at}`);
    }
    header.baseDistance = distance;
  } else if (kind === REF_DELTA) {
    if (i + 20 > buf.length) throw packError(`truncated entry header at offset ${at}`);
    header.baseOid = buf.toString('hex', i, i + 20);
    i += 20;
  } else if (!OBJECT_TYPES[kind]) {
    throw packError(`unknown object type ${kind} at offset ${at}`);
  }
  header.length = i - at;
  return header;
}

/** The inverse of parseEntryHeader, for rewriting entries (pack consolidation). */
export function encodeEntryHeader(kind: number, size: number, base?: { distance: number } | { oid: string }): Buffer {
  const out: number[] = [];
  let b = (kind << 4) | (size % 16);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    out.push(b | 0x80);
    b = rest % 128;
    rest = Math.floor(rest / 128);
  }
  out.push(b);
  if (base && 'distance' in base) {
    const bytes = [base.distance % 128];
    let d = Math.floor(base.distance / 128);
    while (d > 0) {
      d -= 1;
      bytes.unshift(0x80 | (d % 128));
      d = Math.floor(d / 128);
    }
    out.push(...bytes);
  }
  const head = Buffer.from(out);
  return base && 'oid' in base ? Buffer.concat([head, Buffer.from(base.oid, 'hex')]) : head;
}

/** The id of an object: SHA-1 over `type size\0content`. */
export function objectId(type: ObjectType, content: Buffer): Buffer {
  return createHash('sha1').update(`${type} ${content.length}\0`, 'latin1').update(content).digest();
}

/** An upper bound of a zlib stream's size for `n` inflated bytes (zlib's deflateBound, plus slack). */
export function deflateBound(n: number): number {
  return n + Math.ceil(n / 4096) + Math.ceil(n / 16384) + 64;
}
