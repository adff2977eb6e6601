// Preloaded with `node --import` when /usr/bin/time is missing: writes the process's peak RSS (KiB, all threads) on exit.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
