/** Pulls bytes from an async iterable with a put-back buffer: the receive protocol switches from pkt-lines to a raw pack. */
export class ByteSource {
  private readonly it: AsyncIterator<Buffer>;
  private head: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(input: AsyncIterable<Buffer | string>) {
    const inner = input[Symbol.asyncIterator]();
    this.it = {
      next: async () => {
        const r = await inner.next();
        return r.done ? r : { done: false, value: typeof r.value === 'string' ? Buffer.from(r.value) : r.value };
      },
    };
  }

  /** Appends the next chunk to the buffered bytes; false at the end of input. */
  async more(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    this.head = this.head.length ? Buffer.concat([this.head, r.value]) : r.value;
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
}
