import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { AdapterError, type AdapterService } from '../adapter-error.js';
import { OutputCollector } from './output-collector.js';
import type { RunOptions, RunResult } from './remote-shell.js';

/** A started script, whatever the transport. */
export interface StartedScript {
  stdout: Readable;
  stderr: Readable;
  /** Settles once the script has ended and its output streams are closed. */
  ended: Promise<{ code: number | null; signal: string | null }>;
  /** Stops the script (best effort; `ended` must still settle). */
  stop(): void;
}

export interface SuperviseOptions extends RunOptions {
  service: AdapterService;
  /** For messages: `bash -s on root@host`. */
  label: string;
  maxOutputChars?: number;
}

/**
 * Collects a started script's output and enforces timeout and abort: either stops the script and
 * rejects (AdapterError `timeout` with the output so far as raw text, or the abort reason).
 */
export function superviseRun(started: StartedScript, opts: SuperviseOptions): Promise<RunResult> {
  const out = new OutputCollector(opts.onOutput, opts.maxOutputChars);
  out.attach(started.stdout);
  out.attach(started.stderr);
  return new Promise<RunResult>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (e: unknown) => {
      done();
      started.stop();
      reject(e);
    };
    const onAbort = () => fail(opts.signal?.reason);
    if (opts.timeoutMs !== undefined) {
      timer = setTimeout(
        () =>
          fail(
            new AdapterError(
              'timeout',
              opts.service,
              `${opts.label} still running after ${opts.timeoutMs} ms`,
              {
                raw: out.soFar,
              },
            ),
          ),
        opts.timeoutMs,
      );
    }
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    started.ended.then(({ code, signal }) => {
      done();
      const { output, truncated } = out.finish();
      resolve({
        exitCode: code ?? 128 + (signalNumber(signal) ?? 0),
        output,
        ...(signal ? { signal: signal.replace(/^SIG/, '') } : {}),
        ...(truncated ? { truncated } : {}),
      });
    }, fail);
  });
}

function signalNumber(name: string | null): number | undefined {
  if (!name) return undefined;
  const key = (name.startsWith('SIG') ? name : `SIG${name}`) as keyof typeof constants.signals;
  return constants.signals[key];
}
