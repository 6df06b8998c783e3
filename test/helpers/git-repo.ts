import { cpSync, writeFileSync } from 'node:fs';
import { scratchDir } from './scratch.js';
import { join } from 'node:path';
import { ROOT } from './paas-server.js';
import { runProgram, type RunResult } from './run.js';

export interface TestRepo {
  dir: string;
  git(args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult>;
  write(path: string, content: string): void;
  commit(message: string): Promise<void>;
}

/** A real git working copy of a fixture app under test/fixtures, with one commit on main. */
export async function fixtureRepo(fixture: string, env: NodeJS.ProcessEnv): Promise<TestRepo> {
  const dir = scratchDir(`paas-repo-${fixture}-`);
  cpSync(join(ROOT, 'test', 'fixtures', fixture), dir, { recursive: true });
  const gitEnv = { ...env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
  const repo: TestRepo = {
    dir,
    git: (args, extra) => runProgram(['git', ...args], { cwd: dir, env: { ...gitEnv, ...extra } }),
    write: (path, content) => writeFileSync(join(dir, path), content),
    async commit(message) {
      await repo.git(['add', '-A']);
      const r = await repo.git(['commit', '-q', '-m', message]);
      if (r.code !== 0) throw new Error(`git commit failed: ${r.stderr}`);
    },
  };
  await repo.git(['init', '-q', '-b', 'main']);
  await repo.commit('initial');
  return repo;
}

/**
 * Creates `app` on `paas` through the CLI, adds the `paas` remote to a fresh working copy of `fixture`, and pushes
 * it (the first deploy). Throws with the CLI's or git's output when a step fails.
 */
export async function deployedFixture(paas: { env: NodeJS.ProcessEnv; cli(args: string[], opts?: { cwd?: string }): Promise<RunResult> }, fixture: string, app: string): Promise<TestRepo> {
  const repo = await fixtureRepo(fixture, paas.env);
  for (const step of [() => paas.cli(['apps:create', app]), () => paas.cli(['git:remote', '-a', app], { cwd: repo.dir }), () => repo.git(['push', 'paas', 'main'])]) {
    const r = await step();
    if (r.code !== 0) throw new Error(`deploying ${fixture} as ${app} failed:\n${r.stdout}\n${r.stderr}`);
  }
  return repo;
}
