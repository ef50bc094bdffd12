// Starts the test teacher: a real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions
// protocol, with injectable faults and counters, for unit, integration and browser tests.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './adminRoutes.ts';
import { handleBatchRoutes } from './batchRoutes.ts';
import type { BatchStats } from './batchStore.ts';
import { BatchStore } from './batchStore.ts';
import type { GoldPair } from './goldRegistry.ts';
import { sendError } from './httpIo.ts';
import type { TeacherKnobs } from './knobs.ts';
import { handleAzure } from './azureRoutes.ts';
import { handleChat, handleModels } from './openaiRoutes.ts';
import { ApiError } from './protocol.ts';
import type { ReceivedPrompt } from './received.ts';
import type { LoggedRequest } from './requestLog.ts';
import type { TeacherStats } from './stats.ts';
import { TeacherCore } from './teacherCore.ts';

export interface StartOptions extends Partial<TeacherKnobs> {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the teacher never listens beyond the machine unless asked. */
  host?: string;
}

export interface TestTeacher {
  /** Base URL for OpenAI clients, ending in /v1 (e.g. http://127.0.0.1:41234/v1). */
  readonly url: string;
  /** Scheme, host and port; the admin endpoints live under <origin>/__teacher/. */
  readonly origin: string;
  readonly port: number;
  stats(): TeacherStats;
  /** What the batch engine (/v1/batches) did: lines executed, failed, expired, … (cleared by resetStats). */
  batchStats(): BatchStats;
  /** The prompts of the requests that got a completion, oldest first (cleared by resetStats). */
  received(): ReceivedPrompt[];
  /** Every request (admin ones aside) with its Authorization and api-key headers, oldest first (cleared by resetStats). */
  requests(): LoggedRequest[];
  /** Clears stats, the request index, sample counters and the RPM window; keeps knobs and gold. */
  resetStats(): void;
  /** Changes knobs at runtime; throws on an unknown knob or a bad value. */
  configure(patch: Partial<TeacherKnobs>): Readonly<TeacherKnobs>;
  knobs(): Readonly<TeacherKnobs>;
  /** Teaches gold answers: later answers to these questions (and their rephrasings) use them. */
  learn(pairs: readonly GoldPair[]): number;
  /** The gold final answer the teacher holds for a question, if any. */
  goldFor(question: string): string | undefined;
  /** Stops listening and drops every connection, hung ones included. */
  close(): Promise<void>;
}

export async function startTestTeacher(options: StartOptions = {}): Promise<TestTeacher> {
  const { port: wantedPort = 0, host = '127.0.0.1', ...knobs } = options;
  const core = new TeacherCore(knobs);
  const batches = new BatchStore(core);
  const server = createServer((req, res) => {
    route(core, batches, req, res).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : new ApiError(500, `test teacher bug: ${String(error)}`, { type: 'server_error' });
      sendError(res, apiError);
    });
  });
  // Hung requests must not be cut by Node's own timeouts: the client's timeout is under test.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wantedPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const origin = `http://${shownHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    stats: () => core.stats.snapshot(),
    batchStats: () => batches.stats(),
    received: () => core.received.list(),
    requests: () => core.requests.list(),
    resetStats: () => {
      core.reset();
      batches.resetStats();
    },
    configure: (patch) => core.configure(patch),
    knobs: () => core.knobs,
    learn: (pairs) => core.registry.learn(pairs),
    goldFor: (question) => core.registry.lookup(question),
    close: () => {
      batches.close();
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function route(core: TeacherCore, batches: BatchStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('x-request-id', `req_${randomUUID().replace(/-/g, '')}`);
  const path = new URL(req.url ?? '/', 'http://teacher').pathname.replace(/\/+$/, '') || '/';
  if (path.startsWith('/__teacher/') && (await handleAdmin(core, req, res, path))) return;
  core.requests.add(req);
  if (path.startsWith('/openai/') && (await handleAzure(core, req, res, path))) return;
  if (req.method === 'POST' && path === '/v1/chat/completions') return handleChat(core, req, res);
  if (await handleBatchRoutes(batches, req, res, path)) return;
  if (req.method === 'GET' && path === '/v1/models') return handleModels(core, req, res, null);
  const modelMatch = /^\/v1\/models\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && modelMatch) return handleModels(core, req, res, decodeURIComponent(modelMatch[1]!));
  req.resume();
  throw new ApiError(404, `Invalid URL (${req.method ?? 'GET'} ${path})`, { code: 'unknown_url' });
}
