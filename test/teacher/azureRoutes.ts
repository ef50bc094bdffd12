// Azure OpenAI's data-plane paths, so the Azure preset is tested through the SDK's own Azure
// client: POST /openai/deployments/{deployment}/chat/completions?api-version=… and
// GET /openai/models?api-version=…, the key in the `api-key` header. A request without an
// accepted api-version is answered 404 as Azure does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleChat, handleModels } from './openaiRoutes.ts';
import { ApiError } from './protocol.ts';
import type { TeacherCore } from './teacherCore.ts';

/** Returns false when the path is not an Azure route. */
export async function handleAzure(core: TeacherCore, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const chat = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path);
  const models = path === '/openai/models';
  if (!chat && !models) return false;
  const version = new URL(req.url ?? '/', 'http://teacher').searchParams.get('api-version') ?? '';
  const accepted = core.knobs.azureApiVersions;
  if (version === '' || (accepted !== null && !accepted.includes(version))) {
    req.resume();
    throw new ApiError(404, version === '' ? 'Resource not found: the api-version query parameter is missing.' : `Resource not found: api-version ${version} is not supported.`, { code: '404' });
  }
  if (chat && req.method === 'POST') {
    await handleChat(core, req, res, { scheme: 'api-key', deployment: decodeURIComponent(chat[1]!) });
    return true;
  }
  if (models && req.method === 'GET') {
    handleModels(core, req, res, null, 'api-key');
    return true;
  }
  return false;
}
