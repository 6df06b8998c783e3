import net from 'node:net';

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

/** A random block of slot ports below 32768, so that parallel test servers rarely meet. */
export function randomPortRange(size = 200): string {
  const from = 20000 + Math.floor(Math.random() * ((32000 - 20000) / size)) * size;
  return `${from}-${from + size - 1}`;
}
