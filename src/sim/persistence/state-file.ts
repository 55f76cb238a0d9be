import fs from 'node:fs';
import path from 'node:path';
import type { SimWorld } from '../world/sim-world.js';
import { WORLD_FORMAT, type WorldState } from '../world/world-state.js';

export const STATE_FILE_NAME = 'sim-state.json';

/**
 * The world persisted as one JSON file in the state directory: saved at most `debounceMs` (wall
 * clock) after a change, and on close; written to a temporary file then renamed, so a crash never
 * leaves half a file. Loaded once at start.
 */
export class StateFile {
  readonly path: string;
  private timer: NodeJS.Timeout | undefined;
  private world: SimWorld | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly debounceMs = 500,
  ) {
    this.path = path.join(dir, STATE_FILE_NAME);
  }

  /** The saved world, or undefined when there is none. Throws on an unreadable or foreign file. */
  load(): WorldState | undefined {
    if (!fs.existsSync(this.path)) return undefined;
    let state: WorldState;
    try {
      state = JSON.parse(fs.readFileSync(this.path, 'utf8')) as WorldState;
    } catch (e) {
      throw new Error(`FIFE simulator state ${this.path} is not valid JSON: ${(e as Error).message}`, {
        cause: e,
      });
    }
    if (state?.format !== WORLD_FORMAT)
      throw new Error(
        `FIFE simulator state ${this.path} has format ${String(state?.format)}, expected ${WORLD_FORMAT}`,
      );
    return state;
  }

  attach(world: SimWorld): void {
    this.world = world;
    world.onChange(() => this.scheduleSave());
  }

  private scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes now (after any write in progress). */
  save(): Promise<void> {
    const world = this.world;
    if (!world) return Promise.resolve();
    this.writing = this.writing.then(async () => {
      const text = JSON.stringify(world.toJSON());
      await fs.promises.mkdir(this.dir, { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, text);
      await fs.promises.rename(tmp, this.path);
    });
    return this.writing;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
  }
}
