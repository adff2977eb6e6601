// Rubric patterns run over untrusted bills of any size, so a pattern that can backtrack catastrophically is refused at load.
// The classic cause is nested repetition: a group that repeats without bound and itself holds an unbounded repeat, "(a+)+".
// Bounded optional groups such as "(?:be\s+)?" or "(?:\w+\s+){0,3}" are fine: their work is bounded by the pattern.

const UNBOUNDED_AFTER = /^(?:[*+]|\{\d+,\})/;
const BOUNDED_AFTER = /^(?:\?|\{\d+(?:,\d+)?\})/;
const MAX_BOUNDED_REPEAT = 20;

/** Returns why a pattern is unsafe, or null when it is fine. */
export function checkPatternSafety(pattern: string): string | null {
  if (/\\[1-9]/.test(pattern)) return 'back-references are not allowed';
  // Each open group remembers whether something inside it repeats without bound.
  const stack: boolean[] = [false];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch === '(') {
      stack.push(false);
      continue;
    }
    const rest = pattern.slice(i + 1);
    if (ch === ')') {
      const innerUnbounded = stack.pop() ?? false;
      const unbounded = UNBOUNDED_AFTER.exec(rest);
      const bounded = BOUNDED_AFTER.exec(rest);
      if (innerUnbounded && unbounded) return `nested repetition near "${pattern.slice(Math.max(0, i - 20), i + 3)}" can backtrack without bound`;
      const big = bounded && /\{\d+,(\d+)\}/.exec(bounded[0]);
      if (innerUnbounded && big && Number(big[1]) > MAX_BOUNDED_REPEAT) {
        return `a group with a repeat inside, repeated up to ${big[1]} times, can backtrack without bound; keep it to ${MAX_BOUNDED_REPEAT}`;
      }
      if (stack.length === 0) return null; // unbalanced: the RegExp constructor reports it
      if (innerUnbounded || unbounded) stack[stack.length - 1] = true;
      continue;
    }

    if (ch === '*' || ch === '+' || (ch === '{' && /^\d+,\}/.test(rest))) stack[stack.length - 1] = true;
  }
  return null;
}
