import type { NodePosition } from './campaign-document.js';
import { decoded, failed, type Decoded } from './decoded.js';
import { formatJson, preview, readJsonValue } from './json-value.js';

/** `nxy<k>=["<node id>", x, y]`. */
export function readNodePosition(text: string): Decoded<NodePosition> {
  const json = readJsonValue(text);
  if (!json.ok) return json;
  const v = json.value;
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  if (!Array.isArray(v) || v.length !== 3 || typeof v[0] !== 'string' || !finite(v[1]) || !finite(v[2])) {
    return failed(`Expected ["node id", x, y], got ${preview(v)}`);
  }
  return decoded({ id: v[0], x: v[1] as number, y: v[2] as number });
}

export const formatNodePosition = (p: NodePosition): string => formatJson([p.id, p.x, p.y]);
