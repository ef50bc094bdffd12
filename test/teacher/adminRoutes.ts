// /__teacher/* endpoints: let other processes (browser tests, `npm start`) steer and read a
// running teacher the same way in-process tests do through the TestTeacher object.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseGoldPairs } from './goldRegistry.ts';
import { parseJsonBody, readBody, sendJson } from './httpIo.ts';
import type { TeacherKnobs } from './knobs.ts';
import { ApiError } from './protocol.ts';
import type { TeacherCore } from './teacherCore.ts';

/** Knobs as shown to other processes: the required key is a secret even in tests. */
export function publicKnobs(knobs: Readonly<TeacherKnobs>): Record<string, unknown> {
  return { ...knobs, requireApiKey: knobs.requireApiKey === null ? null : '(set)' };
}

/** Returns false when the path is not an admin route. */
export async function handleAdmin(core: TeacherCore, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const route = `${req.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'GET /__teacher/health':
      sendJson(res, 200, { ok: true });
      return true;
    case 'GET /__teacher/stats':
      sendJson(res, 200, core.stats.snapshot());
      return true;
    case 'GET /__teacher/received':
      sendJson(res, 200, { requests: core.received.list() });
      return true;
    case 'GET /__teacher/config':
      sendJson(res, 200, publicKnobs(core.knobs));
      return true;
    case 'POST /__teacher/config': {
      const patch = parseJsonBody(await readBody(req), true);
      try {
        sendJson(res, 200, publicKnobs(core.configure(patch as Partial<TeacherKnobs>)));
      } catch (error) {
        throw new ApiError(400, (error as Error).message, { param: 'knobs' });
      }
      return true;
    }
    case 'POST /__teacher/reset':
      await readBody(req);
      core.reset();
      sendJson(res, 200, { ok: true });
      return true;
    case 'POST /__teacher/learn': {
      const input = parseJsonBody(await readBody(req), false);
      let pairs;
      try {
        pairs = parseGoldPairs(input);
      } catch (error) {
        throw new ApiError(400, (error as Error).message, { param: 'pairs' });
      }
      sendJson(res, 200, { learnt: core.registry.learn(pairs), known: core.registry.size });
      return true;
    }
    default:
      return false;
  }
}
