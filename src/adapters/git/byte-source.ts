import { PaasError } from '../../core/errors.js';

/**
 * Pulls bytes from an async iterable with a put-back buffer: the receive protocol switches from pkt-lines to a raw
 * pack. A client that sends nothing for `idleMs` is cut off (a stalled push must not hold a quarantine file and a
 * connection forever).
 */
export class ByteSource {
  private readonly it: AsyncIterator<Buffer | string>;
  private head: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(
    input: AsyncIterable<Buffer | string>,
    private readonly idleMs = 0,
  ) {
    this.it = input[Symbol.asyncIterator]();
  }

  /** Appends the next chunk to the buffered bytes; false at the end of input. */
  async more(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    this.head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
    return true;
  }

  get buffered(): Buffer {
    return this.head;
  }

  consume(n: number): void {
    this.head = this.head.subarray(n);
  }

  /** Every remaining chunk, starting with what is buffered. */
  async *rest(): AsyncGenerator<Buffer> {
    if (this.head.length) yield this.head;
    this.head = Buffer.alloc(0);
    while (await this.more()) {
      yield this.head;
      this.head = Buffer.alloc(0);
    }
  }

  /**
   * Reads and discards the rest of the input for at most `limitMs`, so that a client still sending a refused pack
   * gets to read the answer that says why. False when the input did not end in time (or failed).
   */
  async drain(limitMs: number): Promise<boolean> {
    const deadline = Date.now() + limitMs;
    try {
      while (Date.now() < deadline) {
        this.head = Buffer.alloc(0);
        if (!(await this.more())) return true;
      }
    } catch {
      // the input failed or stalled: nothing more to drain
    }
    this.head = Buffer.alloc(0);
    return false;
  }

  private next(): Promise<IteratorResult<Buffer | string>> {
    if (!this.idleMs) return this.it.next();
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.done = true;
        reject(new PaasError('GIT_PROTOCOL', `the client sent nothing for ${Math.round(this.idleMs / 1000)} s`));
      }, this.idleMs);
    });
    return Promise.race([this.it.next(), idle]).finally(() => clearTimeout(timer));
  }
}
