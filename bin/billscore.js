#!/usr/bin/env node
// The process shell: run the CLI, set the exit status, and never print a stack trace for a user's mistake.
import { run } from '../dist/cli/main.js';

const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
};

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`billscore: internal error: ${err && err.message ? err.message : err}\n(please report this with the bill that caused it)\n`);
    process.exitCode = 2;
  },
);
