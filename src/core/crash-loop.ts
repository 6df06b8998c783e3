/** Crash-loop detection: more than `maxRestarts` exits within `windowMs` marks a process as crashed. */
export interface CrashPolicy {
  maxRestarts: number;
  windowMs: number;
  /** First restart delay; doubles per exit inside the window, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicy = { maxRestarts: 5, windowMs: 60_000, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface CrashVerdict {
  /** Exits counted inside the window, this one included. */
  exits: number;
  crashed: boolean;
  /** How long to wait before restarting (when not crashed). */
  delayMs: number;
}

/** Exit times per process (keyed by a stable name), pruned to the window. Pure apart from its own memory. */
export class CrashTracker {
  private readonly exits = new Map<string, number[]>();

  constructor(private readonly policy: CrashPolicy = DEFAULT_CRASH_POLICY) {}

  recordExit(key: string, at: number): CrashVerdict {
    const recent = (this.exits.get(key) ?? []).filter((t) => at - t < this.policy.windowMs);
    recent.push(at);
    this.exits.set(key, recent);
    const exits = recent.length;
    const delayMs = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (exits - 1));
    return { exits, crashed: exits > this.policy.maxRestarts, delayMs };
  }

  /** Forgets the exits of every key `matches` accepts (ps:restart of an app or a process type). */
  clear(matches: (key: string) => boolean): void {
    for (const key of [...this.exits.keys()]) if (matches(key)) this.exits.delete(key);
  }
}

/** The tracker key of one process of an app. */
export const crashKey = (app: string, process: string, replica: number): string => `${app}/${process}.${replica}`;
