import type { NodePosition } from './campaign-document.js';
import type { IniSection } from './lex-ini.js';
import { readNodePosition } from './node-position-codec.js';
import type { ProblemList, Where } from './problem-list.js';
import { reportUnknownKey, whereOf } from './section-where.js';

export interface LocatedPosition {
  position: NodePosition;
  where: Where;
}

/** [node_positions]: `nxy<k> = ["node id", x, y]` in file order; one position per node. */
export function readNodePositions(section: IniSection, problems: ProblemList): LocatedPosition[] {
  const found = new Map<string, LocatedPosition>();
  for (const entry of section.entries) {
    const where = whereOf(section, entry);
    if (!/^nxy\d+$/.test(entry.key)) {
      reportUnknownKey(problems, section, entry, 'nxy0, nxy1, ...');
      continue;
    }
    const position = problems.take(where, readNodePosition(entry.value));
    if (!position) continue;
    const twin = found.get(position.id);
    if (twin) problems.error(where, `Node '${position.id}' already has a position (${twin.where.key})`);
    else found.set(position.id, { position, where });
  }
  return [...found.values()];
}
