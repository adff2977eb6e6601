// One compact JSON object per line: each bill as soon as it is done, then the summary, each tagged with its `type`.
import type { StreamFormatter } from './formatters.js';

export const ndjson: StreamFormatter = {
  head: () => '',
  bill: (bill) => `${JSON.stringify({ type: 'bill', ...bill })}\n`,
  tail: (summary, head) => `${JSON.stringify({ type: 'summary', ...head, summary })}\n`,
};
