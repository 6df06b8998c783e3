import fs from 'node:fs';
import { join, relative, sep } from 'node:path';
import tar from 'tar-stream';

/** Adds a directory tree to a tar pack under `prefix`; `first` names subpaths to add before the rest. */
export async function addTree(pack: tar.Pack, dir: string, prefix: string, first: (rel: string) => boolean = () => false, skip?: RegExp): Promise<void> {
  const files = listFiles(dir).filter((f) => !skip?.test(relative(dir, f).split(sep).join('/')));
  const ordered = [...files.filter((f) => first(relative(dir, f))), ...files.filter((f) => !first(relative(dir, f)))];
  for (const file of ordered) {
    const stat = fs.statSync(file);
    const name = `${prefix}/${relative(dir, file).split(sep).join('/')}`;
    await new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name, size: stat.size, mode: stat.mode & 0o777, mtime: stat.mtime }, (err) => (err ? reject(err) : resolve()));
      fs.createReadStream(file).on('error', reject).pipe(entry);
    });
  }
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Adds one file, keeping its mode (keys stay 0600). */
export function addFile(pack: tar.Pack, file: string, name: string): Promise<void> {
  const body = fs.readFileSync(file);
  const mode = fs.statSync(file).mode & 0o777;
  return new Promise((resolve, reject) => pack.entry({ name, mode }, body, (err) => (err ? reject(err) : resolve())));
}

/**
 * Extracts regular files and directories under `root` only: absolute names, `..`, links and devices are refused, and
 * the total size is capped, so that a crafted archive cannot write outside the staging directory.
 */
export function extractSafely(input: NodeJS.ReadableStream, root: string, maxBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let total = 0;
    let failed = false;
    const fail = (why: string) => {
      failed = true;
      input.unpipe?.(extract);
      reject(new Error(why));
      extract.destroy();
    };
    extract.on('entry', (header, stream, next) => {
      stream.on('error', () => undefined); // the archive's own failure is reported once, below
      if (failed) return;
      const name = header.name.replace(/\/+$/, '');
      const parts = name.split('/');
      if (name.startsWith('/') || parts.some((p) => p === '..' || p === '' || p === '.')) return fail(`unsafe path in archive: ${JSON.stringify(name).slice(0, 100)}`);
      if (header.type !== 'file' && header.type !== 'directory') return fail(`unsupported entry type ${header.type} for ${name.slice(0, 100)}`);
      total += header.size ?? 0;
      if (total > maxBytes) return fail('archive larger than the limit');
      const target = join(root, ...parts);
      if (header.type === 'directory') {
        fs.mkdirSync(target, { recursive: true, mode: 0o700 });
        stream.resume();
        stream.on('end', () => next());
        return;
      }
      fs.mkdirSync(join(target, '..'), { recursive: true, mode: 0o700 });
      const out = fs.createWriteStream(target, { mode: (header.mode ?? 0o600) & 0o700 });
      stream.pipe(out);
      out.on('finish', () => next());
      out.on('error', (e) => extract.destroy(e));
    });
    extract.on('finish', () => resolve());
    extract.on('error', (e) => (failed ? undefined : reject(e)));
    input.on('error', reject);
    input.pipe(extract);
  });
}
