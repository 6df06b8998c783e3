import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * HTTP-01 answers as files under WEBROOT/.well-known/acme-challenge/, which the managed nginx serves for every name.
 * nginx's workers may run as another user (nobody, when paas runs as root): the files are public by nature, so the
 * directories are 0755 and the files 0644.
 */
export class ChallengeWebroot {
  readonly dir: string;

  constructor(readonly root: string) {
    this.dir = join(root, '.well-known', 'acme-challenge');
  }

  ensure(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o755 });
    for (const d of [this.root, join(this.root, '.well-known'), this.dir]) chmodSync(d, 0o755);
  }

  put(token: string, keyAuthorization: string): void {
    this.ensure();
    writeFileSync(this.file(token), keyAuthorization, { mode: 0o644 });
  }

  remove(token: string): void {
    rmSync(this.file(token), { force: true });
  }

  private file(token: string): string {
    // Tokens come from the CA: base64url only, so that none can name a path outside the directory.
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(token)) throw new Error(`refusing an ACME token with unexpected characters: ${JSON.stringify(token).slice(0, 80)}`);
    return join(this.dir, token);
  }
}
