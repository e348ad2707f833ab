/**
 * The single catalog of user-facing problems. Handlers throw {@link UserError} with one of these;
 * the router shows the message ephemerally. Internal details go to the log, never to users.
 */

/** Every problem a user can be told about. */
export type Problem =
  | { readonly code: 'internal' }
  | { readonly code: 'rateLimited'; readonly retryAfterMs: number }
  | { readonly code: 'notAdmin' }
  | { readonly code: 'guildOnly' }
  | { readonly code: 'reindexBusy' }
  | { readonly code: 'reindexFailed'; readonly reason: string }
  | { readonly code: 'expired' }
  | { readonly code: 'unknownCommand' }
  | { readonly code: 'emptyQuestion' }
  | { readonly code: 'questionTooLong'; readonly length: number; readonly max: number }
  | { readonly code: 'badDate'; readonly option: string; readonly value: string }
  | { readonly code: 'badDateRange' }
  | { readonly code: 'contextMissing' }
  | { readonly code: 'uploadType'; readonly allowed: readonly string[] }
  | { readonly code: 'uploadTooLarge'; readonly maxBytes: number }
  | { readonly code: 'uploadName' }
  | { readonly code: 'uploadExists'; readonly name: string }
  | { readonly code: 'uploadDownload' }
  | { readonly code: 'uploadNotText' };

/** A problem the user should be told about (expected, logged at info level). */
export class UserError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.code);
    this.name = 'UserError';
    this.problem = problem;
  }
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The message shown for a problem. */
export function userMessage(p: Problem): string {
  switch (p.code) {
    case 'internal':
      return '⚠️ Something went wrong on my side. Please try again in a moment.';
    case 'rateLimited':
      return `⏳ You're asking quickly — please wait ${Math.max(1, Math.ceil(p.retryAfterMs / 1000))} s and try again.`;
    case 'notAdmin':
      return '🔒 Only server administrators (or members with an admin role) can do that.';
    case 'guildOnly':
      return 'This command only works in a server.';
    case 'reindexBusy':
      return '⏳ A reindex is already running. Questions are still answered meanwhile; try again when it finishes.';
    case 'reindexFailed':
      return `❌ Reindexing failed: ${p.reason}\nThe previous index is still serving questions.`;
    case 'expired':
      return 'This answer has expired. Please ask again.';
    case 'unknownCommand':
      return "I don't know that command. Try `/help`.";
    case 'emptyQuestion':
      return 'Please include a question, e.g. "@bot what happened on 1 November?"';
    case 'questionTooLong':
      return `That question is ${p.length} characters long; please keep it under ${p.max}.`;
    case 'badDate':
      return `\`${p.option}\` must be a date like 2023, 2023-11 or 2023-11-01 (got "${p.value.slice(0, 40)}").`;
    case 'badDateRange':
      return '`from` must not be after `to`.';
    case 'contextMissing':
      return "I couldn't find that passage in the current index (it may have been reindexed).";
    case 'uploadType':
      return `Only ${p.allowed.join(', ')} files can be added.`;
    case 'uploadTooLarge':
      return `That file is too large (limit ${mb(p.maxBytes)}).`;
    case 'uploadName':
      return "That file name can't be used. Please rename the file (letters, digits, dashes) and try again.";
    case 'uploadExists':
      return `A file named \`${p.name}\` already exists. Use \`replace: true\` to overwrite it.`;
    case 'uploadDownload':
      return "I couldn't download that attachment. Please try again.";
    case 'uploadNotText':
      return "That file doesn't look like UTF-8 text.";
  }
}

/** Turns an arbitrary failure into a short reason safe to show: first line, no paths, bounded. */
export function safeReason(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  const first = (raw.split('\n')[0] ?? '').trim() || 'unknown error';
  // Keep file names, drop directories (they reveal the host's layout).
  const noPaths = first.replace(/(?:[A-Za-z]:)?(?:[\\/][^\\/\s'"`:]+)+[\\/]([^\\/\s'"`:]+)/g, '$1');
  return noPaths.length > 300 ? `${noPaths.slice(0, 299)}…` : noPaths;
}
