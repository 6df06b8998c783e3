import { OBJECT_TYPES, objectId, OFS_DELTA, packError, REF_DELTA, TYPE_CODES, type EntryHeader, type ObjectType } from '../../core/git/pack-format.js';
import { objectLinks } from '../../core/git/object-links.js';
import { IdxReader, writeIdx } from '../../core/git/pack-idx.js';
import type { IndexedPack } from './pack-indexer.js';

/** What pass 1 learns per entry, in pack order. */
export class EntryTable {
  readonly offsets: number[] = [];
  readonly ends: number[] = [];
  readonly crcs: number[] = [];
  /** 0 until resolved, then the type code of the object. */
  readonly types: number[] = [];
  readonly deltas: boolean[] = [];
  readonly oids: (Buffer | undefined)[] = [];
  readonly ofsChildren = new Map<number, number[]>();
  readonly refChildren = new Map<string, number[]>();
  readonly refBase = new Map<number, string>();
  readonly links = new Set<string>();

  get size(): number {
    return this.offsets.length;
  }

  add(offset: number, end: number, crc: number, header: EntryHeader): number {
    this.offsets.push(offset);
    this.ends.push(end);
    this.crcs.push(crc);
    this.types.push(0);
    this.deltas.push(header.kind === OFS_DELTA || header.kind === REF_DELTA);
    this.oids.push(undefined);
    return this.offsets.length - 1;
  }

  /** The entry starting at `offset` (entries are in ascending order), or -1. */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid] === offset) return mid;
      if (this.offsets[mid]! < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  resolve(i: number, type: ObjectType, content: Buffer): void {
    const oid = objectId(type, content);
    this.types[i] = TYPE_CODES[type];
    this.oids[i] = oid;
    for (const link of objectLinks(type, content, oid.toString('hex'))) this.links.add(link);
  }

  childrenOf(i: number): number[] {
    const byOid = this.oids[i] ? this.refChildren.get(this.oids[i]!.toString('hex')) : undefined;
    return [...(this.ofsChildren.get(i) ?? []), ...(byOid ?? [])];
  }

  requireAllResolved(): void {
    const held = new Set(this.oids.filter((o): o is Buffer => o !== undefined).map((o) => o.toString('hex')));
    for (let i = 0; i < this.size; i++) {
      if (this.types[i] !== 0) continue;
      const base = this.refBase.get(i);
      if (base !== undefined && !held.has(base)) {
        throw packError(`thin pack: the delta at offset ${this.offsets[i]} needs object ${base}, which the pack does not hold (this server asks for no-thin packs)`);
      }
      throw packError(`the delta at offset ${this.offsets[i]} cannot be resolved`);
    }
  }

  finish(checksum: Buffer): IndexedPack {
    const order = this.offsets.map((_, i) => i).sort((a, b) => Buffer.compare(this.oids[a]!, this.oids[b]!));
    const idx = writeIdx(order.map((i) => ({ oid: this.oids[i]!, offset: this.offsets[i]!, crc: this.crcs[i]! })), checksum);
    const reader = new IdxReader(idx);
    const sortedTypes = order.map((i) => this.types[i]!);
    const typeOf = (oid: string): ObjectType | undefined => {
      const at = /^[0-9a-f]{40}$/.test(oid) ? reader.find(Buffer.from(oid, 'hex')) : -1;
      return at < 0 ? undefined : OBJECT_TYPES[sortedTypes[at]!];
    };
    const externalLinks = [...this.links].filter((l) => reader.find(Buffer.from(l, 'hex')) < 0);
    return { count: this.size, checksum, idx, typeOf, externalLinks };
  }
}
