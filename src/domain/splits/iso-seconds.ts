// `YYYY-MM-DDTHH:MM:SS` (no zone suffix, as SAM dimensions take it) for epoch seconds.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone === 'local' ? undefined : zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

/** Formats `epochSeconds` in `zone`: "UTC" (default), an IANA name, or "local" (the process's zone). */
export function isoSeconds(epochSeconds: number, zone = 'UTC'): string {
  const date = new Date(Math.trunc(epochSeconds) * 1000);
  if (zone === 'UTC') return date.toISOString().slice(0, 19);
  const part: Record<string, string> = {};
  for (const p of formatIn(zone).formatToParts(date)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
}
