import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { runProgram } from './run.js';

export const NODE_BARE_IMAGE = 'paas-test/node-bare';

/**
 * A local image with only this host's `node` binary and the libraries `ldd` lists (no npm, no shell): enough for a
 * one-file fixture server. Nothing is pulled. Made once per machine; ~100 MB, a few seconds.
 */
export async function ensureNodeBareImage(): Promise<string> {
  if ((await runProgram(['docker', 'image', 'inspect', NODE_BARE_IMAGE])).code === 0) return NODE_BARE_IMAGE;
  const root = mkdtempSync(join(tmpdir(), 'paas-node-bare-'));
  try {
    const node = realpathSync(process.execPath);
    const copy = (file: string) => {
      mkdirSync(join(root, dirname(file)), { recursive: true });
      cpSync(realpathSync(file), join(root, file));
    };
    copy(node);
    mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
    cpSync(node, join(root, 'usr/local/bin/node'));
    const ldd = await runProgram(['ldd', node]);
    for (const m of ldd.stdout.matchAll(/(\/\S+\.so[^\s]*)/g)) copy(m[1]!);
    mkdirSync(join(root, 'etc'), { recursive: true });
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/:/bin/false\n');
    writeFileSync(join(root, 'etc/group'), 'root:x:0:\n');
    await importRootfs(root, ['ENV PATH=/usr/local/bin:/usr/bin:/bin', 'CMD ["node"]']);
    return NODE_BARE_IMAGE;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `tar -C root -c . | docker import -c … - TAG`, as two processes joined by a pipe. */
function importRootfs(root: string, changes: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const imp = spawn('docker', ['import', ...changes.flatMap((c) => ['-c', c]), '-', NODE_BARE_IMAGE], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    imp.stderr.on('data', (d) => (stderr += d));
    tar.stdout.pipe(imp.stdin);
    imp.on('error', reject);
    imp.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker import failed: ${stderr}`))));
  });
}
