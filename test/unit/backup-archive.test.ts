import { existsSync, readFileSync } from 'node:fs';
import { scratchDir } from '../helpers/scratch.js';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { extractSafely } from '../../src/adapters/backup/tar-dir.js';

type Entry = Partial<tar.Header> & { name: string };

const archive = (entries: Entry[]) => {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'file' || !e.type) pack.entry(e as tar.Header, 'x');
    else pack.entry(e as tar.Header);
  }
  pack.finalize();
  return pack.pipe(new PassThrough());
};

describe('safe extraction of backups', () => {
  it('extracts regular files under the root', async () => {
    const root = scratchDir('paas-x-');
    await extractSafely(archive([{ name: 'repos/a.git/HEAD' }]), root, 1 << 20);
    expect(readFileSync(join(root, 'repos/a.git/HEAD'), 'utf8')).toBe('x');
  });

  it.each([
    [{ name: '../evil' }, /unsafe path/],
    [{ name: '/etc/evil' }, /unsafe path/],
    [{ name: 'a/../../evil' }, /unsafe path/],
    [{ name: 'link', type: 'symlink', linkname: '/etc/passwd' } as Entry, /unsupported entry type symlink/],
    [{ name: 'dev', type: 'character-device' } as Entry, /unsupported entry type/],
  ])('refuses %j', async (entry, why) => {
    const root = scratchDir('paas-x-');
    await expect(extractSafely(archive([entry as Entry]), join(root, 'in'), 1 << 20)).rejects.toThrow(why);
    expect(existsSync(join(root, 'evil'))).toBe(false);
  });

  it('caps the total size', async () => {
    const root = scratchDir('paas-x-');
    await expect(extractSafely(archive([{ name: 'a' }, { name: 'b' }]), root, 1)).rejects.toThrow(/larger than the limit/);
  });
});

describe('backup archives', () => {
  it('copy each repository under its lock, refs before objects, without quarantined pushes', async () => {
    const { dataArchive } = await import('../../src/adapters/backup/data-archive.js');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const data = scratchDir('paas-data-');
    const repo = join(data, 'repos', 'shop.git');
    for (const [path, body] of [['HEAD', 'ref: refs/heads/main\n'], ['objects/pack/pack-1.pack', 'P'], ['refs/heads/main', 'abc\n'], ['objects/incoming/q1/pack.pack', 'Q']]) {
      mkdirSync(join(repo, path, '..'), { recursive: true });
      writeFileSync(join(repo, path), body);
    }
    const locked: string[] = [];
    const store = { snapshot: async (file: string) => writeFileSync(file, 'db') } as unknown as import('../../src/ports.js').StateStore;
    const archive = dataArchive({
      dataDir: data,
      store,
      folders: [{ name: 'repos', skip: /^objects\/incoming\//, lockEntry: async (entry, copy) => { locked.push(entry); await copy(); } }],
    });
    const names: string[] = [];
    const extract = tar.extract();
    extract.on('entry', (h, stream, next) => { names.push(h.name); stream.resume(); stream.on('end', next); });
    const { createGunzip } = await import('node:zlib');
    (await archive.create()).pipe(createGunzip()).pipe(extract);
    await new Promise<void>((r) => extract.on('finish', () => r()));
    expect(locked).toEqual(['shop.git']);
    expect(names.filter((n) => n.startsWith('repos/'))).toEqual(['repos/shop.git/HEAD', 'repos/shop.git/refs/heads/main', 'repos/shop.git/objects/pack/pack-1.pack']);
    expect(names.slice(0, 2)).toEqual(['FORMAT', 'state.db']);
  });
});
