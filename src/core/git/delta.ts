import { packError } from './pack-format.js';

/**
 * Git's delta format: base size and result size (varints), then instructions: copy (bit 7 set: offset and size
 * from the base) or insert (1-127 literal bytes). Every bound is checked: a hostile delta must not read outside the
 * base or write past the declared result.
 */
export function applyDelta(delta: Buffer, base: Buffer, maxResultBytes: number): Buffer {
  let i = 0;
  const varint = () => {
    let n = 0;
    let scale = 1;
    let b;
    do {
      if (i >= delta.length) throw packError('truncated delta');
      b = delta[i++]!;
      n += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80 && scale <= 2 ** 49);
    if (b & 0x80) throw packError('delta size too large');
    return n;
  };
  const baseSize = varint();
  if (baseSize !== base.length) throw packError(`delta expects a base of ${baseSize} bytes, the base has ${base.length}`);
  const resultSize = varint();
  if (resultSize > maxResultBytes) throw packError(`delta result of ${resultSize} bytes exceeds the object size limit`);
  const out = Buffer.allocUnsafe(resultSize);
  let at = 0;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += deltaByte() * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (1 << (4 + bit))) size += deltaByte() * 2 ** (8 * bit);
      if (size === 0) size = 0x10000;
      if (offset + size > base.length || at + size > resultSize) throw packError('delta copies outside its base or result');
      base.copy(out, at, offset, offset + size);
      at += size;
    } else if (op > 0) {
      if (i + op > delta.length || at + op > resultSize) throw packError('delta inserts past its end');
      delta.copy(out, at, i, i + op);
      i += op;
      at += op;
    } else {
      throw packError('delta has a reserved instruction');
    }
  }
  if (at !== resultSize) throw packError(`delta produced ${at} bytes instead of ${resultSize}`);
  return out;

  function deltaByte(): number {
    if (i >= delta.length) throw packError('truncated delta instruction');
    return delta[i++]!;
  }
}
