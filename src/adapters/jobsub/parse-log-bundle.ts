import type { JobLogFile } from './jobsub.js';
import { LOG_END_MARKER, LOG_FILE_MARKER } from './jobsub-script.js';

/**
 * The files printed by fetchLogsCommands; lines before the first marker (setup and
 * jobsub_fetchlog messages) are ignored. Null when the end marker is missing (output cut short).
 */
export function parseLogBundle(output: string): JobLogFile[] | null {
  const files: Array<{ name: string; base64: string[] }> = [];
  let ended = false;
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === LOG_END_MARKER) {
      ended = true;
      break;
    }
    if (line.startsWith(LOG_FILE_MARKER) && line.endsWith(' ===')) {
      files.push({ name: line.slice(LOG_FILE_MARKER.length, -4), base64: [] });
    } else if (files.length && /^[A-Za-z0-9+/=]*$/.test(line)) {
      files[files.length - 1].base64.push(line);
    }
  }
  if (!ended) return null;
  return files.map((f) => ({ name: f.name, content: Buffer.from(f.base64.join(''), 'base64') }));
}
