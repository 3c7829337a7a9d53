// Turns any failure into an exit code and a message on stderr that names the field and the rule.
import { AppError, type ErrorShape } from '../../shared/errors';
import type { CliIo } from './cli-io';
import { terminalText } from './output/terminal-text';
import { EXIT, type ExitCode } from './exit-codes';
import { CancelledError } from './cancelled-error';
import { UsageError } from './usage-error';

/** The option a user types for an input field the engine names (the last word of `targets.0.accountId`). */
const FIELD_OPTIONS: Record<string, string> = {
  text: '--text',
  targets: '--account',
  accountId: '--account',
  mediaUrls: '--media',
  media: '--media',
  mediaId: '--media',
  paths: '--media',
  scheduledAt: '--at',
  title: '--title',
  privacy: '--privacy',
  platform: '--platform',
  name: '--name',
  accessToken: '--token',
  refreshToken: '--refresh-token',
  expiresAt: '--expires-at',
  externalId: '--external-id',
  from: '--from',
  to: '--to',
  status: '--status',
  targetId: '--target',
  id: 'ID',
  idempotencyKey: '--idempotency-key',
};

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.badInput;
  if (error instanceof CancelledError) return EXIT.cancelled;
  if (error instanceof AppError) {
    switch (error.code) {
      case 'validation':
      case 'rule_violation':
        return EXIT.badInput;
      case 'engine_unavailable':
        return EXIT.noEngine;
      default:
        return EXIT.failure;
    }
  }
  return EXIT.failure;
}

/** `fieldOptions`: the command's own options for engine fields, ahead of the usual ones. */
export function reportError(error: unknown, io: CliIo, json: boolean, fieldOptions: Readonly<Record<string, string>> = {}): ExitCode {
  const code = exitCodeFor(error);
  const shape = toShape(error);
  if (json) {
    io.stderr.write(`${JSON.stringify({ error: shape })}\n`);
    return code;
  }
  const option = shape.field === undefined ? undefined : optionFor(shape.field, fieldOptions);
  const lines = [`error: ${shape.message}${option ? ` (${option})` : ''}`];
  for (const detail of detailLines(shape.details, fieldOptions)) {
    // The first issue is the headline already.
    if (!shape.message.endsWith(detail.message)) lines.push(`  - ${detail.line}`);
  }
  if (error instanceof UsageError) {
    lines.push(`Run "publishing-engine ${error.commandName ? `${error.commandName} ` : ''}--help" for usage.`);
  }
  // Messages may quote a platform's answer or the user's input: no control character reaches the terminal raw.
  io.stderr.write(`${terminalText(lines.join('\n'))}\n`);
  return code;
}

function toShape(error: unknown): ErrorShape {
  if (error instanceof UsageError) return { code: 'validation', message: error.message };
  if (error instanceof AppError) return error.toShape();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function optionFor(field: string, fieldOptions: Readonly<Record<string, string>>): string | undefined {
  const word = field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .pop();
  return word === undefined ? undefined : (fieldOptions[word] ?? FIELD_OPTIONS[word]);
}

/** Platform rule violations and validation issues carry a list of messages worth showing one per line. */
function detailLines(details: unknown, fieldOptions: Readonly<Record<string, string>>): { message: string; line: string }[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown) => {
    if (typeof detail !== 'object' || detail === null) return [];
    const { message, field } = detail as { message?: unknown; field?: unknown };
    if (typeof message !== 'string') return [];
    const option = typeof field === 'string' && field !== '' ? optionFor(field, fieldOptions) : undefined;
    return [{ message, line: option ? `${message} (${option})` : message }];
  });
}
