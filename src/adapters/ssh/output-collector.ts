import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/** Default cap on the output a run keeps in memory, in characters (onOutput still sees everything). */
export const MAX_OUTPUT_CHARS = 8_000_000;

/**
 * Interleaves stdout and stderr in arrival order, each decoded as UTF-8 on its own (a character split
 * across chunks is kept whole), hands every chunk to `sink` and keeps the first `limit` characters.
 */
export class OutputCollector {
  private text = '';
  private cut = false;
  private readonly decoders: StringDecoder[] = [];

  constructor(
    private readonly sink: ((chunk: string) => void) | undefined,
    private readonly limit = MAX_OUTPUT_CHARS,
  ) {}

  attach(stream: Readable): void {
    const decoder = new StringDecoder('utf8');
    this.decoders.push(decoder);
    stream.on('data', (data: Buffer | string) =>
      this.add(typeof data === 'string' ? data : decoder.write(data)),
    );
  }

  /** Flushes incomplete characters left in the decoders. */
  finish(): { output: string; truncated: boolean } {
    for (const d of this.decoders) this.add(d.end());
    return { output: this.text, truncated: this.cut };
  }

  get soFar(): string {
    return this.text;
  }

  private add(chunk: string): void {
    if (!chunk) return;
    try {
      this.sink?.(chunk);
    } catch {
      // A sink that throws is the caller's bug; the run itself goes on.
    }
    const room = this.limit - this.text.length;
    if (chunk.length > room) this.cut = true;
    if (room > 0) this.text += chunk.slice(0, room);
  }
}
