import { expect } from 'vitest';
import type { PaasServer } from './paas-server.js';
import type { TestRepo } from './git-repo.js';

/** Creates the app and points the repo's `paas` remote at it (both through the CLI). */
export async function createAppWithRemote(paas: PaasServer, app: string, repo: TestRepo): Promise<void> {
  const created = await paas.cli(['apps:create', app]);
  expect(created.code, created.stderr).toBe(0);
  const remote = await paas.cli(['git:remote', '-a', app], { cwd: repo.dir });
  expect(remote.code, remote.stderr).toBe(0);
}

/** Polls `check` until it returns a value (bounded), for things that settle shortly after a deploy (logs). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
