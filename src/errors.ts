// Every failure a user can cause has a stable code; the CLI maps codes to exit statuses and messages.
export const ERROR_CODES = [
  'usage',
  'not-found',
  'unreadable',
  'no-bills',
  'empty',
  'not-text',
  'encrypted',
  'corrupt-pdf',
  'no-text-layer',
  'too-large',
  'bad-rubric',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class BillscoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'BillscoreError';
  }
}

/** Turns anything thrown into a BillscoreError without losing a known code. */
export function asBillscoreError(err: unknown, path?: string): BillscoreError {
  if (err instanceof BillscoreError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return new BillscoreError('not-found', `no such file or folder: ${path ?? e.path}; check the path (billscore takes bill files, folders, or - for stdin)`, path);
  if (e?.code === 'EACCES' || e?.code === 'EPERM')
    return new BillscoreError('unreadable', `permission denied reading ${path ?? e.path}; check the file's permissions`, path);
  if (e?.code === 'EISDIR') return new BillscoreError('unreadable', `${path} is a folder, not a file`, path);
  const msg = err instanceof Error ? err.message : String(err);
  return new BillscoreError('internal', msg, path);
}

/** Exit statuses, the way linters use them: 0 clean, 1 findings below a threshold, 2 errors. */
export const EXIT = { ok: 0, belowThreshold: 1, error: 2 } as const;
