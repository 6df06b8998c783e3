import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incomingDir, quarantinePack } from '../../src/adapters/git/pack-intake.js';
import { scratchDir } from '../helpers/scratch.js';

const HEADER = Buffer.from('PACK\0\0\0\x02\0\0\0\x05', 'latin1');

/** Small chunks, as fast as they are taken: each write returns at once, so several are under way at the refusal. */
async function* chunks(total: number, size: number): AsyncGenerator<Buffer> {
  yield HEADER;
  for (let sent = 0; sent < total; sent += size) yield randomBytes(size);
}

describe('pack intake', () => {
  it('refuses a pack over the cap while its writes are still in flight, without a stray stream error', async () => {
    const gitdir = scratchDir('paas-intake-');
    mkdirSync(join(gitdir, 'objects'), { recursive: true });
    const lateErrors: unknown[] = [];
    const onError = (e: unknown) => lateErrors.push(e);
    process.on('uncaughtException', onError);
    try {
      for (let round = 0; round < 10; round++) {
        await expect(quarantinePack(chunks(100 << 10, 1024), gitdir, { maxPackBytes: 64 << 10, maxObjectBytes: 64 << 10 })).rejects.toThrow(
          /push is larger than the limit of 64\.0 KiB/,
        );
      }
      // A write that completes after the refusal reports its error a moment later, if at all.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(lateErrors).toEqual([]);
    expect(existsSync(incomingDir(gitdir)) ? readdirSync(incomingDir(gitdir)) : []).toEqual([]);
  });
});
