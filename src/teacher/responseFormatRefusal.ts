// Whether an endpoint refused a request because of its response_format (structured output): many
// OpenAI-compatible servers and older models answer json_schema with a 400 that names the
// parameter. The client then sends the same request without it (the prompts ask for the shape in
// words too, and replies are read tolerantly) and stops sending it for the rest of the run.
import OpenAI from 'openai';
import { ChatError } from '../core/model/errors.ts';

const MENTIONS_FORMAT = /response[_ ]format|json[_ ]schema|structured output/i;

export function refusesResponseFormat(error: unknown): boolean {
  if (!(error instanceof ChatError) || error.kind !== 'bad-request') return false;
  const cause = error.cause;
  if (!(cause instanceof OpenAI.APIError)) return false;
  const body = cause.error as { param?: unknown; message?: unknown } | undefined;
  if (typeof body?.param === 'string' && body.param.startsWith('response_format')) return true;
  const said = typeof body?.message === 'string' ? body.message : cause.message;
  return MENTIONS_FORMAT.test(said);
}
