/** File-system errors turned into sentences a user can act on. */

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  ENOENT: 'a parent folder does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'it already exists',
  EFBIG: 'the file would be larger than this file system allows',
};

/** "cannot <action> <path>: <reason>; <advice>" — `advice` defaults to choosing another output folder. */
export function fsErrorSentence(action: string, path: string, error: unknown, advice = 'choose another output folder'): Error {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const reason = REASONS[code] ?? (error as Error)?.message ?? String(error);
  const err = new Error(`cannot ${action} ${path}: ${reason}; ${advice}`);
  (err as Error & { cause?: unknown }).cause = error;
  return err;
}

/** Runs `fn`, rethrowing a file-system error as a sentence. */
export function withFsErrors<T>(action: string, path: string, fn: () => T, advice?: string): T {
  try {
    return fn();
  } catch (e) {
    throw fsErrorSentence(action, path, e, advice);
  }
}
