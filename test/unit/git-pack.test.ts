import { describe, expect, it } from 'vitest';
import { applyDelta } from '../../src/core/git/delta.js';
import { encodeEntryHeader, objectId, OFS_DELTA, parseEntryHeader, parsePackHeader, REF_DELTA } from '../../src/core/git/pack-format.js';
import { objectLinks } from '../../src/core/git/object-links.js';
import { IdxReader, writeIdx } from '../../src/core/git/pack-idx.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const varint = (n: number) => {
  const out = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
};
const delta = (baseSize: number, resultSize: number, ops: number[]) => Buffer.from([...varint(baseSize), ...varint(resultSize), ...ops]);

describe('git deltas', () => {
  const base = Buffer.from('hello world');

  it('copies from the base and inserts literal bytes', () => {
    // copy offset 6 size 5 ("world"), insert ", hello", copy offset 0 size 5 ("hello")
    const d = delta(11, 17, [0x91, 6, 5, 7, ...Buffer.from(', hello'), 0x90, 5]);
    expect(applyDelta(d, base, 1000).toString()).toBe('world, hellohello');
  });

  it('reads a copy size of zero as 64 KiB', () => {
    const big = Buffer.alloc(0x10000, 'z');
    expect(applyDelta(delta(0x10000, 0x10000, [0x80]), big, 1 << 20).equals(big)).toBe(true);
  });

  it.each([
    ['a base of another size', delta(10, 5, [0x90, 5])],
    ['a copy outside the base', delta(11, 5, [0x91, 10, 5])],
    ['a copy past the result', delta(11, 3, [0x90, 5])],
    ['an insert past its end', delta(11, 5, [5, 1, 2])],
    ['the reserved instruction 0', delta(11, 1, [0])],
    ['a result shorter than declared', delta(11, 6, [0x90, 5])],
    ['a truncated header', Buffer.from([0x8b])],
  ])('refuses %s', (_why, d) => {
    expect(() => applyDelta(d, base, 1000)).toThrow(expect.objectContaining({ code: 'GIT_PACK_INVALID' }));
  });

  it('refuses a result larger than the object limit before allocating it', () => {
    expect(() => applyDelta(delta(11, 2 ** 40, [0x90, 5]), base, 1 << 20)).toThrow(/exceeds the object size limit/);
  });
});

describe('pack entries', () => {
  it.each([0, 15, 16, 127, 128, 2 ** 20 + 3, 2 ** 40 + 7])('round-trips the size %d', (size) => {
    const h = parseEntryHeader(encodeEntryHeader(3, size), 0);
    expect(h).toMatchObject({ kind: 3, size });
  });

  it.each([1, 127, 128, 16511, 16512, 2 ** 30 + 5])('round-trips the ofs-delta distance %d', (distance) => {
    const encoded = encodeEntryHeader(OFS_DELTA, 99, { distance });
    expect(parseEntryHeader(encoded, 0)).toEqual({ kind: OFS_DELTA, size: 99, baseDistance: distance, length: encoded.length });
  });

  it('round-trips a ref-delta base', () => {
    expect(parseEntryHeader(encodeEntryHeader(REF_DELTA, 5, { oid: A }), 0)).toMatchObject({ kind: REF_DELTA, baseOid: A, length: 21 });
  });

  it.each([
    ['type 0', Buffer.from([0x05])],
    ['type 5', Buffer.from([0x55])],
    ['a truncated size', Buffer.from([0xb5])],
    ['a truncated ref-delta', Buffer.from([0x75, 1, 2])],
  ])('refuses %s', (_why, raw) => {
    expect(() => parseEntryHeader(raw, 0)).toThrow(expect.objectContaining({ code: 'GIT_PACK_INVALID' }));
  });

  it('reads the pack header and refuses other versions and magic', () => {
    expect(parsePackHeader(Buffer.from('PACK\0\0\0\x02\0\0\x01\x00', 'latin1'))).toBe(256);
    expect(() => parsePackHeader(Buffer.from('PACK\0\0\0\x03\0\0\0\0', 'latin1'))).toThrow(/version 3/);
    expect(() => parsePackHeader(Buffer.from('KCAP\0\0\0\x02\0\0\0\0', 'latin1'))).toThrow(/not a git pack/);
  });

  it('computes object ids like git', () => {
    expect(objectId('blob', Buffer.from('hello\n')).toString('hex')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});

describe('object links', () => {
  it('reads the tree and parents of a commit', () => {
    const commit = Buffer.from(`tree ${A}\nparent ${B}\nparent ${C}\nauthor x <x> 0 +0000\ncommitter x <x> 0 +0000\n\nparent ${A}\n`);
    expect(objectLinks('commit', commit, 'x')).toEqual([A, B, C]);
  });

  it('reads the object of a tag', () => {
    expect(objectLinks('tag', Buffer.from(`object ${A}\ntype commit\ntag v1\n\nmsg\n`), 'x')).toEqual([A]);
  });

  it('reads tree entries and skips submodule commits', () => {
    const entry = (mode: string, name: string, oid: string) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, 'hex')]);
    const tree = Buffer.concat([entry('100644', 'a.txt', A), entry('160000', 'sub', B), entry('40000', 'dir', C)]);
    expect(objectLinks('tree', tree, 'x')).toEqual([A, C]);
    expect(objectLinks('blob', tree, 'x')).toEqual([]);
  });

  it.each([
    ['commit', `parent ${A}\ntree ${B}\n`],
    ['commit', `tree ${A}\nparent nope\n`],
    ['tag', 'type commit\n'],
    ['tree', '100644 a.txt\0short'],
    ['tree', '10x644 a.txt\0' + 'x'.repeat(20)],
    ['tree', '100644 \0' + 'x'.repeat(20)],
  ] as const)('refuses a malformed %s', (type, text) => {
    expect(() => objectLinks(type, Buffer.from(text, 'latin1'), 'x')).toThrow(expect.objectContaining({ code: 'GIT_PACK_INVALID' }));
  });
});

describe('pack index v2', () => {
  const entries = [A, C, B, '00'.repeat(20), 'ff'.repeat(20)].map((hex, i) => ({ oid: Buffer.from(hex, 'hex'), offset: 12 + i * 100, crc: 0xdeadbeef + i }));
  const checksum = Buffer.alloc(20, 7);

  it('writes sorted ids with their offsets and CRCs, and finds them again', () => {
    const idx = new IdxReader(writeIdx(entries, checksum));
    expect(idx.count).toBe(5);
    for (const e of entries) {
      const at = idx.find(e.oid);
      expect(at).toBeGreaterThanOrEqual(0);
      expect([idx.offset(at), idx.crc(at)]).toEqual([e.offset, e.crc >>> 0]);
    }
    expect(idx.oid(0).toString('hex')).toBe('00'.repeat(20));
    expect(idx.find(Buffer.from('ab'.repeat(20), 'hex'))).toBe(-1);
    expect(idx.packChecksum().equals(checksum)).toBe(true);
  });

  it('refuses duplicate objects and offsets beyond 2 GiB', () => {
    expect(() => writeIdx([...entries, entries[0]!], checksum)).toThrow(/twice/);
    expect(() => writeIdx([{ ...entries[0]!, offset: 2 ** 31 }], checksum)).toThrow(/2 GiB/);
  });

  it('refuses a file that is not an index', () => {
    expect(() => new IdxReader(Buffer.alloc(2000))).toThrow(/not a version 2 pack index/);
  });
});
