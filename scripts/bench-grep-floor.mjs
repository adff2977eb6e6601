// The benchmark's floor for any Node tool: what `rg -i -c KEYWORD DIR` does for each keyword, done by Node as plainly
// and as fast as it can (each file read once, lower-cased, each keyword found with indexOf, matching lines counted).
// No normalising, no judging, no output: whatever billscore costs beyond this is the price of its judgement.
//
//   node scripts/bench-grep-floor.mjs DIR KEYWORD...
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...keywords] = process.argv.slice(2);
let counted = 0;
for (const name of readdirSync(dir)) {
  const text = readFileSync(join(dir, name), 'latin1').toLowerCase();
  for (const keyword of keywords) {
    // rg -c counts lines: after a find, the search goes on from the next line.
    for (let at = text.indexOf(keyword); at >= 0; ) {
      counted++;
      const lineEnd = text.indexOf('\n', at);
      at = lineEnd < 0 ? -1 : text.indexOf(keyword, lineEnd + 1);
    }
  }
}
if (counted === 0) process.exitCode = 1; // as rg: 1 when nothing matched
