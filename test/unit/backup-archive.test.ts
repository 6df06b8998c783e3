import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { extractSafely } from '../../src/adapters/backup/tar-dir.js';

const archive = (entries: tar.Headers[]) => {
  const pack = tar.pack();
  for (const e of entries) pack.entry(e, e.type === 'file' || !e.type ? 'x' : undefined);
  pack.finalize();
  return pack.pipe(new PassThrough());
};

describe('safe extraction of backups', () => {
  it('extracts regular files under the root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'paas-x-'));
    await extractSafely(archive([{ name: 'repos/a.git/HEAD' }]), root, 1 << 20);
    expect(readFileSync(join(root, 'repos/a.git/HEAD'), 'utf8')).toBe('x');
  });

  it.each([
    [{ name: '../evil' }, /unsafe path/],
    [{ name: '/etc/evil' }, /unsafe path/],
    [{ name: 'a/../../evil' }, /unsafe path/],
    [{ name: 'link', type: 'symlink', linkname: '/etc/passwd' } as tar.Headers, /unsupported entry type symlink/],
    [{ name: 'dev', type: 'character-device' } as tar.Headers, /unsupported entry type/],
  ])('refuses %j', async (entry, why) => {
    const root = mkdtempSync(join(tmpdir(), 'paas-x-'));
    await expect(extractSafely(archive([entry as tar.Headers]), join(root, 'in'), 1 << 20)).rejects.toThrow(why);
    expect(existsSync(join(root, 'evil'))).toBe(false);
  });

  it('caps the total size', async () => {
    const root = mkdtempSync(join(tmpdir(), 'paas-x-'));
    await expect(extractSafely(archive([{ name: 'a' }, { name: 'b' }]), root, 1)).rejects.toThrow(/larger than the limit/);
  });
});
