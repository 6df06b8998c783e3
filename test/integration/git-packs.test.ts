import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPackFile } from '../../src/adapters/git/pack-indexer.js';
import { consolidatePacks } from '../../src/adapters/git/consolidate.js';
import { IdxReader } from '../../src/core/git/pack-idx.js';
import { parseEntryHeader, REF_DELTA } from '../../src/core/git/pack-format.js';
import { runProgram } from '../helpers/run.js';
import { fsck, gitPack, runBinary } from '../helpers/git-wire.js';

const LIMITS = { maxObjectBytes: 64 * 1024 * 1024 };

// The pack indexer and the consolidation against real git: byte-identical indexes, and `git fsck --strict` clean.
describe('pack indexing and consolidation against git', () => {
  const base = mkdtempSync(join(tmpdir(), 'paas-packs-'));
  const work = join(base, 'work');
  const git = (args: string[], cwd = work) =>
    runProgram(['git', '-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd }).then((r) => {
      if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
      return r.stdout.trim();
    });
  /** Writes a pack and its index into `dir` with git pack-objects; returns the pack's path. */
  const packInto = async (dir: string, revs: string[], flags: string[] = []) => {
    mkdirSync(dir, { recursive: true });
    const name = await runBinary(['git', 'pack-objects', '-q', '--revs', ...flags, join(dir, 'pack')], { cwd: work, input: `${revs.join('\n')}\n` });
    return join(dir, `pack-${name.toString().trim()}.pack`);
  };

  beforeAll(async () => {
    mkdirSync(work);
    await git(['init', '-q', '-b', 'main']);
    for (let i = 1; i <= 12; i++) {
      writeFileSync(join(work, 'log.txt'), Array.from({ length: 400 + i * 50 }, (_, n) => `entry ${n} ${n % 7 === i % 7 ? 'edited' : ''}\n`).join(''));
      writeFileSync(join(work, `blob${i % 4}.bin`), Buffer.from(Array.from({ length: 3000 }, (_, n) => (n * (i + 3)) % 251)));
      mkdirSync(join(work, 'src', `d${i % 3}`), { recursive: true });
      writeFileSync(join(work, 'src', `d${i % 3}`, 'mod.js'), `export const v = ${i};\n`.repeat(50 + i));
      await git(['add', '-A']);
      await git(['commit', '-q', '-m', `commit ${i}`]);
    }
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each([
    ['ofs-deltas', ['--delta-base-offset', '--depth=50', '--window=50']],
    ['ref-deltas', ['--depth=10']],
    ['no deltas', ['--depth=0']],
  ])('writes the same index as git for a pack with %s', async (_kind, flags) => {
    const pack = await packInto(join(base, `idx-${flags.join('')}`), ['main'], flags);
    const indexed = await indexPackFile(pack, LIMITS);
    expect(indexed.idx.equals(readFileSync(pack.replace(/\.pack$/, '.idx')))).toBe(true);
    expect(indexed.externalLinks).toEqual([]);
    expect(indexed.typeOf(await git(['rev-parse', 'main']))).toBe('commit');
    expect(indexed.typeOf(await git(['rev-parse', 'main^{tree}']))).toBe('tree');
  });

  it('lists what a partial pack points to outside itself, and refuses a thin one', async () => {
    const partial = await packInto(join(base, 'partial'), ['main', '^main~1'], ['--delta-base-offset']);
    const indexed = await indexPackFile(partial, LIMITS);
    expect(indexed.externalLinks).toContain(await git(['rev-parse', 'main~1']));
    const thin = join(base, 'thin.pack');
    writeFileSync(thin, await gitPack(work, ['main', '^main~1'], { thin: true }));
    await expect(indexPackFile(thin, LIMITS)).rejects.toThrow(/thin pack/);
    await expect(indexPackFile(partial, { maxObjectBytes: 1000 })).rejects.toThrow(/over the limit of 1000/);
  });

  it('merges overlapping packs into one (deltas kept, skipped bases turned into ref-deltas), fsck clean', async () => {
    const bare = join(base, 'bare.git');
    await git(['init', '-q', '--bare', bare]);
    const packDir = join(bare, 'objects', 'pack');
    // Oldest first: the newest blob alone, then whole histories whose deltas are based on it, overlapping each other.
    await packInto(packDir, [await git(['rev-parse', 'main:log.txt'])], ['--delta-base-offset']);
    await new Promise((r) => setTimeout(r, 20));
    await packInto(packDir, ['main~6'], ['--delta-base-offset']);
    await new Promise((r) => setTimeout(r, 20));
    await packInto(packDir, ['main'], ['--delta-base-offset', '--depth=50']);
    await new Promise((r) => setTimeout(r, 20));
    await packInto(packDir, ['main', '^main~2'], []);
    await git(['--git-dir', bare, 'update-ref', 'refs/heads/main', await git(['rev-parse', 'main'])]);
    const objectsBefore = await git(['--git-dir', bare, 'cat-file', '--batch-all-objects', '--batch-check']);

    const result = await consolidatePacks(bare, LIMITS);
    expect(result?.packsBefore).toBe(4);
    const packs = readdirSync(packDir).filter((f) => f.endsWith('.pack'));
    expect(packs).toHaveLength(1);
    expect(readdirSync(packDir)).toHaveLength(2);
    expect(await git(['--git-dir', bare, 'cat-file', '--batch-all-objects', '--batch-check'])).toBe(objectsBefore);
    const check = await fsck(bare);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout + check.stderr).not.toMatch(/error|warning|missing|broken/i);
    expect((await runProgram(['git', 'verify-pack', join(packDir, packs[0]!)])).code).toBe(0);

    const idx = new IdxReader(readFileSync(join(packDir, packs[0]!.replace('.pack', '.idx'))));
    const pack = readFileSync(join(packDir, packs[0]!));
    const kinds = Array.from({ length: idx.count }, (_, i) => parseEntryHeader(pack, idx.offset(i)).kind);
    expect(kinds).toContain(REF_DELTA);
    expect(await consolidatePacks(bare, LIMITS)).toBeUndefined();
  });
});
