import { createHash } from 'node:crypto';
import { packError } from './pack-format.js';

/**
 * Pack index version 2: magic, version, a 256-entry fan-out, sorted object ids, CRC-32s, 31-bit offsets, the pack's
 * checksum, then the index's own SHA-1. Offsets of 2 GiB and more (a 64-bit table) are not written: packs that
 * large are refused before they get here.
 */
const MAGIC = Buffer.from([0xff, 0x74, 0x4f, 0x63]);
const HEADER = 8 + 256 * 4;
export const MAX_IDX_OFFSET = 0x7fffffff;

export interface IdxEntry {
  oid: Buffer;
  offset: number;
  crc: number;
}

/** Serialises entries (any order; sorted here) for a pack whose trailer is `packChecksum`. */
export function writeIdx(entries: IdxEntry[], packChecksum: Buffer): Buffer {
  const sorted = [...entries].sort((a, b) => Buffer.compare(a.oid, b.oid));
  const n = sorted.length;
  const out = Buffer.alloc(HEADER + n * 28 + 40);
  MAGIC.copy(out, 0);
  out.writeUInt32BE(2, 4);
  const fanout = new Array<number>(256).fill(0);
  for (const e of sorted) fanout[e.oid[0]!]!++;
  let running = 0;
  for (let b = 0; b < 256; b++) out.writeUInt32BE((running += fanout[b]!), 8 + b * 4);
  sorted.forEach((e, i) => {
    if (i > 0 && e.oid.equals(sorted[i - 1]!.oid)) throw packError(`the pack holds object ${e.oid.toString('hex')} twice`);
    if (e.offset > MAX_IDX_OFFSET) throw packError('packs of 2 GiB or more are not supported');
    e.oid.copy(out, HEADER + i * 20);
    out.writeUInt32BE(e.crc >>> 0, HEADER + n * 20 + i * 4);
    out.writeUInt32BE(e.offset, HEADER + n * 24 + i * 4);
  });
  packChecksum.copy(out, HEADER + n * 28);
  createHash('sha1').update(out.subarray(0, HEADER + n * 28 + 20)).digest().copy(out, HEADER + n * 28 + 20);
  return out;
}

/** Read access to an idx v2 file held in memory. */
export class IdxReader {
  readonly count: number;

  constructor(private readonly buf: Buffer) {
    if (buf.length < HEADER + 40 || !buf.subarray(0, 4).equals(MAGIC) || buf.readUInt32BE(4) !== 2) {
      throw packError('not a version 2 pack index');
    }
    this.count = buf.readUInt32BE(HEADER - 4);
    if (buf.length < HEADER + this.count * 28 + 40) throw packError('truncated pack index');
  }

  oid(i: number): Buffer {
    return this.buf.subarray(HEADER + i * 20, HEADER + i * 20 + 20);
  }

  crc(i: number): number {
    return this.buf.readUInt32BE(HEADER + this.count * 20 + i * 4);
  }

  offset(i: number): number {
    const raw = this.buf.readUInt32BE(HEADER + this.count * 24 + i * 4);
    if (raw & 0x80000000) throw packError('64-bit pack offsets are not supported');
    return raw;
  }

  packChecksum(): Buffer {
    return this.buf.subarray(HEADER + this.count * 28, HEADER + this.count * 28 + 20);
  }

  /** The position of `oid` (20 bytes) in the sorted table, or -1. */
  find(oid: Buffer): number {
    let lo = oid[0]! === 0 ? 0 : this.buf.readUInt32BE(8 + (oid[0]! - 1) * 4);
    let hi = this.buf.readUInt32BE(8 + oid[0]! * 4) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = Buffer.compare(this.oid(mid), oid);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
