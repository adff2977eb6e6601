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

/** Turns anything thrown into a BillscoreError without losing a known code; the message names the path and what to do. */
export function asBillscoreError(err: unknown, path?: string): BillscoreError {
  if (err instanceof BillscoreError) return err;
  const e = err as NodeJS.ErrnoException;
  const where = path ?? e?.path ?? 'input';
  switch (e?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ENAMETOOLONG':
      return new BillscoreError('not-found', `no such file or folder: ${where}; check the path (billscore takes bill files, folders, or - for stdin)`, path);
    case 'EACCES':
    case 'EPERM':
      return new BillscoreError('unreadable', `permission denied reading ${where}; check its permissions (e.g. chmod +r) or run as a user who may read it`, path);
    case 'EISDIR':
      return new BillscoreError('unreadable', `${where} is a folder, not a file; name the folder itself to score the bills in it`, path);
    case 'ELOOP':
      return new BillscoreError('unreadable', `${where} is a symbolic link that loops; point billscore at the real file`, path);
    case 'EIO':
    case 'EMFILE':
    case 'ENFILE':
      return new BillscoreError('unreadable', `cannot read ${where} (${e.code}: ${e.message}); check the disk or file and try again`, path);
    case 'ERR_FS_FILE_TOO_LARGE':
      return new BillscoreError('too-large', `${where} is too large to read; check it is the right file`, path);
  }
  const msg = err instanceof Error ? err.message : String(err);
  // Not the user's doing: say so, and which file set it off, so it can be reported.
  return new BillscoreError('internal', `${path ? `${path}: ` : ''}internal error: ${msg} (please report it with the file that caused it)`, path);
}

/** Exit statuses, the way linters use them: 0 clean, 1 findings below a threshold, 2 errors. */
export const EXIT = { ok: 0, belowThreshold: 1, error: 2 } as const;
