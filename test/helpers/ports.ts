import net from 'node:net';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TCP port nothing listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const CLAIMS = join(tmpdir(), 'paas-test-port-blocks');

export interface PortBlock {
  range: string;
  release(): void;
}

/**
 * A block of slot ports below 32768 that no other test server of this machine holds: parallel test servers share
 * one loopback, and two servers handing out the same port would route one's requests to the other's app. Blocks are
 * claimed with an exclusive file naming the owner's PID; claims of dead processes are taken over.
 */
export function claimPortBlock(size = 200): PortBlock {
  mkdirSync(CLAIMS, { recursive: true });
  const blocks = Array.from({ length: (32000 - 20000) / size }, (_, i) => 20000 + i * size).sort(() => Math.random() - 0.5);
  for (const from of blocks) {
    const file = join(CLAIMS, String(from));
    if (!claim(file)) continue;
    return { range: `${from}-${from + size - 1}`, release: () => rmSync(file, { force: true }) };
  }
  throw new Error('no free block of test ports');
}

function claim(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    const owner = Number(readFileSync(file, 'utf8'));
    if (owner && alive(owner)) return false;
    rmSync(file, { force: true });
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      return false;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
