// Progress on stderr: an ora spinner with done/total and the current file, only for a person at a terminal.
import type { Io } from './io.js';

export interface Progress {
  /** A bill started; it is shown as the current file. */
  start(source: string): void;
  /** A bill finished. */
  done(): void;
  /** Writes around the spinner so output to the same terminal does not tangle with it. */
  interrupt(write: () => void): void;
  stop(): void;
}

const SILENT: Progress = {
  start() {},
  done() {},
  interrupt(write) {
    write();
  },
  stop() {},
};

/** Shown only to a person watching: not with --quiet, not when stderr is piped or a file, not under CI. */
export function progressWanted(io: Io, quiet: boolean): boolean {
  const ci = io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false' && io.env.CI !== '0';
  return io.stderrIsTTY && !quiet && !ci;
}

export async function createProgress(total: number, { enabled }: { enabled: boolean }): Promise<Progress> {
  // A terminal that reports no width (a bare pty) would make ora's line counting loop forever.
  if (!enabled || total < 1 || !process.stderr.columns) return SILENT;
  const { default: ora } = await import('ora'); // loaded only when a person is watching
  const spinner = ora({ stream: process.stderr, discardStdin: false }).start();
  let finished = 0;
  let current = '';
  const show = () => {
    spinner.text = `${finished}/${total} ${current}`;
  };
  show();
  return {
    start(source) {
      current = source;
      show();
    },
    done() {
      finished++;
      show();
    },
    interrupt(write) {
      // Once stopped, a render would put the spinner back under the report.
      if (!spinner.isSpinning) return write();
      spinner.clear();
      write();
      spinner.render();
    },
    stop() {
      spinner.stop();
    },
  };
}
