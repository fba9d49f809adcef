import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * A folder's real path, following symbolic links, even when its last parts do not exist yet
 * (a target's folder is made on the first run): the nearest existing parent is resolved and the
 * rest appended.
 */
export function realFolder(folder: string): string {
  const absolute = path.resolve(folder);
  const rest: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return absolute;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

/** Whether `folder` is `outer` or lies inside it, by their real paths. */
export function folderWithin(folder: string, outer: string): boolean {
  const relative = path.relative(realFolder(outer), realFolder(folder));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
