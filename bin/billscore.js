#!/usr/bin/env node
// The process shell: run the CLI, set the exit status, and never print a stack trace for a user's mistake.

// A fresh clone has no dist/ until `npm install` (or `npm run build`) has compiled it: say so instead of a trace.
let run;
try {
  ({ run } = await import('../dist/cli/main.js'));
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('/dist/')) {
    process.stderr.write('billscore: not built yet; run `npm install` (or `npm run build`) in the billscore folder first\n');
    process.exit(2);
  }
  throw err;
}

const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
};

// A reader that stops early (`billscore -f ndjson | head -1`) closes the pipe: not an error, so stop quietly.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') process.stderr.write(`billscore: cannot write the report: ${err.message}\n`);
  process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
});

// With stderr gone too (`2>&1 | head -1`) there is nobody left to tell; an unhandled 'error' would print a trace.
process.stderr.on('error', () => {});

// Whatever escapes run() (a stream or worker callback) is still one line, not a stack trace.
const internal = (err) => {
  process.stderr.write(`billscore: internal error: ${err && err.message ? err.message : err} (please report this with the bill that caused it)\n`);
  process.exit(2);
};
process.on('uncaughtException', internal);
process.on('unhandledRejection', internal);

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = 2;
    internal(err);
  },
);
