// Progress on stderr: an ora spinner with done/total and the current file, only for a person at a terminal.
export interface Progress {
  update(current: string): void;
  tick(): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, tick() {}, stop() {} };

export async function createProgress(total: number, { enabled }: { enabled: boolean }): Promise<Progress> {
  if (!enabled || total < 1) return SILENT;
  const { default: ora } = await import('ora'); // loaded only when a person is watching
  const spinner = ora({ stream: process.stderr, discardStdin: false }).start();
  let done = 0;
  return {
    update(current) {
      spinner.text = `${done}/${total} ${current}`;
    },
    tick() {
      done++;
    },
    stop() {
      spinner.stop();
    },
  };
}
