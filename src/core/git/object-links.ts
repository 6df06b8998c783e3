import type { ObjectType } from './pack-format.js';
import { packError } from './pack-format.js';

const GITLINK = '160000';

/**
 * The objects an object points to (what must exist for it to be usable): a commit's tree and parents, a tag's
 * object, a tree's entries except submodule commits (gitlinks live in another repository). Malformed commits,
 * tags and trees are refused: they would break `git fsck` and the build's tree export.
 */
export function objectLinks(type: ObjectType, content: Buffer, oid: string): string[] {
  if (type === 'blob') return [];
  if (type === 'tree') return treeLinks(content, oid);
  const headerEnd = content.indexOf('\n\n');
  const header = content.toString('latin1', 0, headerEnd < 0 ? content.length : headerEnd).split('\n');
  const hex = (line: string | undefined, key: string) => {
    const m = line !== undefined ? new RegExp(`^${key} ([0-9a-f]{40})$`).exec(line) : null;
    return m?.[1];
  };
  if (type === 'tag') {
    const object = hex(header[0], 'object');
    if (!object) throw packError(`malformed tag ${oid}`);
    return [object];
  }
  const tree = hex(header[0], 'tree');
  if (!tree) throw packError(`malformed commit ${oid}`);
  const links = [tree];
  for (let i = 1; i < header.length && header[i]!.startsWith('parent '); i++) {
    const parent = hex(header[i], 'parent');
    if (!parent) throw packError(`malformed commit ${oid}`);
    links.push(parent);
  }
  return links;
}

function treeLinks(content: Buffer, oid: string): string[] {
  const links: string[] = [];
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = space < 0 ? -1 : content.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > content.length || nul === space + 1) throw packError(`malformed tree ${oid}`);
    const mode = content.toString('latin1', at, space);
    if (!/^[0-7]{5,6}$/.test(mode)) throw packError(`malformed tree ${oid}`);
    if (mode !== GITLINK) links.push(content.toString('hex', nul + 1, nul + 21));
    at = nul + 21;
  }
  return links;
}
