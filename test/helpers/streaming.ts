import { spawn, type ChildProcess } from 'node:child_process';

export interface Streaming {
  child: ChildProcess;
  /** Everything written so far (stdout and stderr). */
  output(): string;
  /** Resolves once the output matches `pattern` (bounded); rejects with the output when it does not in time. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** The exit code, once the program ends. */
  exited: Promise<number>;
}

/** Starts a program and lets the test watch its output while it runs (a push, to interrupt it at a known step). */
export function streaming(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Streaming {
  const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return {
    child,
    output: () => text,
    exited,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${pattern} not seen in:\n${text}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
