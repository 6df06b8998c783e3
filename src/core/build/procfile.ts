import { PaasError } from '../errors.js';

/** Process type → command, in the order of the file. */
export type Procfile = Record<string, string>;

const LINE = /^([^:\s]+)\s*:\s*(.*)$/;
const PROCESS_TYPE = /^[a-z][a-z0-9_-]{0,29}$/;
const MAX_TYPES = 30;
const MAX_BYTES = 64 * 1024;

/**
 * Parses a Heroku Procfile: `type: command` lines, blank lines and `#` comments ignored. Type names end up in container
 * names and labels, so they are held to a small alphabet; commands run as `sh -c` inside the app's own container.
 */
export function parseProcfile(text: string): Procfile {
  if (Buffer.byteLength(text) > MAX_BYTES) throw invalid(`is larger than ${MAX_BYTES / 1024} KiB`);
  const out: Procfile = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `line ${i + 1}`;
    const m = LINE.exec(line);
    if (!m) throw invalid(`${where}: expected "type: command"`);
    const [, type, command] = m as unknown as [string, string, string];
    if (!PROCESS_TYPE.test(type)) {
      throw invalid(`${where}: process type ${JSON.stringify(type).slice(0, 40)} must be 1-30 lowercase letters, digits, - or _, starting with a letter`);
    }
    if (command.trim() === '') throw invalid(`${where}: ${type} has no command`);
    if (command.includes('\0')) throw invalid(`${where}: ${type}'s command contains a NUL byte`);
    if (Object.hasOwn(out, type)) throw invalid(`${where}: ${type} is defined twice`);
    out[type] = command.trim();
  });
  if (Object.keys(out).length > MAX_TYPES) throw invalid(`has more than ${MAX_TYPES} process types`);
  return out;
}

function invalid(why: string): PaasError {
  return new PaasError('PROCFILE_INVALID', `Procfile ${why}`, { hint: 'each line is `type: command`, e.g. `web: node server.js`' });
}

/**
 * The process types a release runs: every Procfile type except `release` (a one-off phase, not a running process),
 * and always `web`: '' means the image's own command (the template's default, or the Dockerfile's CMD).
 */
export function releaseProcesses(procfile: Procfile): { processes: Record<string, string>; releaseCommand?: string } {
  const { release, ...running } = procfile;
  return { processes: { web: '', ...running }, releaseCommand: release };
}
