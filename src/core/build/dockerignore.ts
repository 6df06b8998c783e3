/**
 * `.dockerignore`, with the Docker CLI's semantics (the engine does not apply it: whoever sends the build context
 * must). Patterns are Go `filepath.Match` globs plus `**`, anchored at the context root; `!` re-includes; the last
 * matching line wins; a pattern that matches a directory excludes everything below it.
 */
export type PathFilter = (path: string) => boolean;

interface Pattern {
  regex: RegExp;
  exclusion: boolean;
}

/** Files the engine needs even when ignored (the CLI sends them too; the engine drops them after reading). */
const ALWAYS_SENT = new Set(['Dockerfile', '.dockerignore']);

/** A predicate that is true for paths (relative, `/`-separated) the file excludes from the build context. */
export function dockerignoreFilter(text: string): PathFilter {
  const patterns = parsePatterns(text);
  if (patterns.length === 0) return () => false;
  return (path) => {
    if (ALWAYS_SENT.has(path)) return false;
    const parents = path.split('/').slice(0, -1);
    let excluded = false;
    for (const p of patterns) {
      let match = p.regex.test(path);
      for (let i = 1; !match && i <= parents.length; i++) match = p.regex.test(parents.slice(0, i).join('/'));
      if (match) excluded = !p.exclusion;
    }
    return excluded;
  };
}

function parsePatterns(text: string): Pattern[] {
  const out: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('#')) continue;
    let line = raw.trim();
    if (line === '') continue;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    line = cleanPath(line);
    if (line === '') continue;
    out.push({ regex: globToRegex(line), exclusion });
  }
  return out;
}

/** Go's filepath.Clean for slash paths, then the leading `/` dropped (patterns are relative to the root). */
function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function globToRegex(glob: string): RegExp {
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') i++;
        // `**` spans any number of directories, even none; at the end it takes everything.
        re += i + 1 >= glob.length ? '.*' : '(.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (ch === '\\' && i + 1 < glob.length) re += escape(glob[++i]!);
    else re += escape(ch);
  }
  return new RegExp(re + '$');
}

const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
