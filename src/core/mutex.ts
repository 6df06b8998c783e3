/** An async mutex: callers run one at a time, in arrival order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  get busy(): boolean {
    return this.waiting > 0;
  }

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    this.waiting++;
    const result = this.tail.then(fn).finally(() => this.waiting--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One mutex per key (an app name), created on first use and dropped when idle. */
export class KeyedMutex {
  private readonly locks = new Map<string, Mutex>();

  isBusy(key: string): boolean {
    return this.locks.get(key)?.busy ?? false;
  }

  run<T>(key: string, fn: () => Promise<T> | T): Promise<T> {
    let m = this.locks.get(key);
    if (!m) this.locks.set(key, (m = new Mutex()));
    const mutex = m;
    return mutex.run(fn).finally(() => {
      if (!mutex.busy) this.locks.delete(key);
    });
  }
}
