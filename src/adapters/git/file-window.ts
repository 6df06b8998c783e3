import fs from 'node:fs';

const MIN_WINDOW = 1 << 20;

/**
 * Reads a large file through one growing buffer, so that walking a pack entry by entry costs neither the whole file
 * in memory nor a system call per entry.
 */
export class FileWindow {
  private buf = Buffer.alloc(0);
  private start = 0;
  private end = 0;

  private constructor(
    private readonly fh: fs.promises.FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileWindow> {
    const fh = await fs.promises.open(path, 'r');
    return new FileWindow(fh, (await fh.stat()).size);
  }

  /**
   * The bytes from `pos`: at least `want` of them unless the file ends first. The view is valid until the next
   * call.
   */
  async view(pos: number, want: number): Promise<Buffer> {
    const need = Math.min(want, this.size - pos);
    if (pos < this.start || pos + need > this.end) {
      const length = Math.min(Math.max(need, MIN_WINDOW), this.size - pos);
      if (this.buf.length < length) this.buf = Buffer.allocUnsafe(Math.max(length, MIN_WINDOW));
      await this.readFully(this.buf, length, pos);
      this.start = pos;
      this.end = pos + length;
    }
    return this.buf.subarray(pos - this.start, this.end - this.start);
  }

  /** Exactly `length` bytes at `pos`, in a buffer of their own. */
  async read(pos: number, length: number): Promise<Buffer> {
    const out = Buffer.allocUnsafe(length);
    await this.readFully(out, length, pos);
    return out;
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  private async readFully(into: Buffer, length: number, pos: number): Promise<void> {
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.fh.read(into, got, length - got, pos + got);
      if (bytesRead === 0) throw new Error(`unexpected end of file at ${pos + got}`);
      got += bytesRead;
    }
  }
}
