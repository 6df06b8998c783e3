import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Once per test run: integration tests need the compiled CLI (bin/paas runs dist/), a Docker engine and the local
 * base images. The README's test command (deploy/test.sh) installs and starts all of them; this only checks and
 * builds what is cheap, so that a missing piece fails with one clear message instead of many timeouts.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  if (!existsSync(`${root}dist/cli/main.js`)) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (process.env.PAAS_TEST_UNIT_ONLY) return;
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 10_000 });
  } catch {
    throw new Error('no Docker engine answers: run the README test command (sudo deploy/test.sh), which starts dockerd');
  }
  execFileSync(`${root}test/setup/base-images.sh`, { stdio: 'inherit', timeout: 300_000 });
}
