// The error object Facebook's Graph API (and Instagram's, which is the same API) puts in every failed response.

export interface GraphError {
  message: string;
  type?: string;
  code: number;
  errorSubcode?: number;
  /** Meta's own hint that the same call may work later. */
  isTransient: boolean;
  /** A sentence meant for the user, when Meta gives one. */
  userMessage?: string;
  userTitle?: string;
  fbtraceId?: string;
}

interface RawGraphError {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  error_subcode?: unknown;
  is_transient?: unknown;
  error_user_msg?: unknown;
  error_user_title?: unknown;
  fbtrace_id?: unknown;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function optionalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** The Graph error in a parsed response body (`{error:{…}}`), or undefined when the body is not one. */
export function parseGraphError(body: unknown): GraphError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const raw = (body as { error?: unknown }).error;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const error = raw as RawGraphError;
  const code = optionalNumber(error.code);
  if (code === undefined) return undefined;
  const parsed: GraphError = {
    message: optionalString(error.message) ?? 'unknown error',
    code,
    isTransient: error.is_transient === true,
  };
  const type = optionalString(error.type);
  const subcode = optionalNumber(error.error_subcode);
  const userMessage = optionalString(error.error_user_msg);
  const userTitle = optionalString(error.error_user_title);
  const fbtraceId = optionalString(error.fbtrace_id);
  if (type !== undefined) parsed.type = type;
  if (subcode !== undefined) parsed.errorSubcode = subcode;
  if (userMessage !== undefined) parsed.userMessage = userMessage;
  if (userTitle !== undefined) parsed.userTitle = userTitle;
  if (fbtraceId !== undefined) parsed.fbtraceId = fbtraceId;
  return parsed;
}

/** `190` or `190/463`: the platform's code as logs and support know it. */
export function graphErrorCode(error: GraphError): string {
  return error.errorSubcode === undefined ? String(error.code) : `${error.code}/${error.errorSubcode}`;
}

/** The clearest sentence Meta gave: the user message when there is one, else the developer message. */
export function graphErrorText(error: GraphError): string {
  return (error.userMessage ?? error.message).trim().replace(/[.\s]+$/, '');
}
