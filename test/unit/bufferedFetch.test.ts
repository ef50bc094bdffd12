// The chat client's default transport (src/teacher/bufferedFetch.ts) against real local HTTP
// servers: what fetch did (status, headers, decoded bodies, errors with codes the budget rules
// read, aborts) it must still do, and what it leaves to fetch goes there.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { AttemptMeter, AttemptOutcome, ChatRequest } from '../../src/core/model/chat.ts';
import { ChatError } from '../../src/core/model/errors.ts';
import { createBufferedFetch, heldBody, IDLE_SOCKET_MS } from '../../src/teacher/bufferedFetch.ts';
import { CallRegistry, CALL_HEADER } from '../../src/teacher/callRegistry.ts';
import { createChatClient } from '../../src/teacher/chatClient.ts';
import { classifyFetchFailure } from '../../src/teacher/fetchFailure.ts';
import type { FetchLike } from '../../src/teacher/meteredFetch.ts';
import { createMeteredFetch } from '../../src/teacher/meteredFetch.ts';
import { RateController } from '../../src/teacher/rateController.ts';
import { closedPort } from '../support/engineCli.ts';

type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;

/** A server on port 0 that answers with `handler`; counts the requests it saw. */
async function withServer(handler: Handler, use: (url: string, seen: () => number) => Promise<void>): Promise<void> {
  let seen = 0;
  const server = http.createServer((request, response) => {
    seen++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, () => seen);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Forty-two. ✓' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
});

class RecordingMeter implements AttemptMeter {
  readonly outcomes: AttemptOutcome[] = [];
  async beforeAttempt(): Promise<void> {}
  async afterAttempt(outcome: AttemptOutcome): Promise<void> {
    this.outcomes.push(outcome);
  }
}

const chatRequest = (): ChatRequest => ({ role: 'teacher', model: 'm', messages: [{ role: 'user', content: 'hi' }], sampling: { temperature: 0, maxTokens: 16, seed: 1 } });

describe('buffered fetch', () => {
  it('sends method, headers and body, and answers a Response that already holds the whole body', async () => {
    await withServer(
      (request, body, response) => {
        response.setHeader('content-type', 'application/json');
        response.setHeader('x-echo-method', request.method ?? '');
        response.setHeader('x-echo-header', String(request.headers['x-test'] ?? ''));
        response.setHeader('x-echo-body', String(body.length));
        response.setHeader('set-cookie', ['a=1', 'b=2']);
        response.end(COMPLETION);
      },
      async (url) => {
        const fetchBuffered = createBufferedFetch();
        const response = await fetchBuffered(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'x-test': 'yes' }, body: '{"a":"ü"}' });
        assert.equal(response.status, 200);
        assert.equal(response.ok, true);
        assert.equal(response.url, `${url}/v1/chat/completions`);
        assert.equal(response.headers.get('x-echo-method'), 'POST');
        assert.equal(response.headers.get('x-echo-header'), 'yes');
        assert.equal(response.headers.get('x-echo-body'), String('{"a":"ü"}'.length));
        assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2'], 'repeated headers stay apart');
        assert.ok(heldBody(response), 'the body is held, not behind a stream');
        assert.equal(await response.clone().text(), COMPLETION);
        assert.deepEqual(await response.clone().json(), JSON.parse(COMPLETION));
        assert.equal(new TextDecoder().decode(await response.clone().arrayBuffer()), COMPLETION);
        assert.equal(await new Response(response.body).text(), COMPLETION, 'a stream is made if asked for');
      },
    );
  });

  it('waits for an answer slower than the idle-connection timeout: that timeout closes idle connections only', async () => {
    // Models often take longer than IDLE_SOCKET_MS to answer; the per-attempt timeout is the metered fetch's.
    await withServer(
      (_request, _body, response) => {
        setTimeout(() => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(COMPLETION);
        }, IDLE_SOCKET_MS + 1_000);
      },
      async (url) => {
        const response = await createBufferedFetch()(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
        assert.equal(await response.text(), COMPLETION);
      },
    );
  });

  it('answers every status as a Response, a refusal included, like fetch', async () => {
    await withServer(
      (_request, _body, response) => {
        response.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' });
        response.end('{"error":{"message":"slow down"}}');
      },
      async (url) => {
        const response = await createBufferedFetch()(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
        assert.equal(response.status, 429);
        assert.equal(response.ok, false);
        assert.equal(response.headers.get('retry-after'), '3');
        assert.equal(await response.text(), '{"error":{"message":"slow down"}}');
      },
    );
  });

  it('decodes a body the server compressed unasked, and asks for no compression', async () => {
    let acceptEncoding: string | undefined = 'unset';
    await withServer(
      (request, _body, response) => {
        acceptEncoding = request.headers['accept-encoding'];
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(gzipSync(COMPLETION));
      },
      async (url) => {
        const response = await createBufferedFetch()(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
        assert.equal(await response.text(), COMPLETION);
        assert.equal(acceptEncoding, undefined);
      },
    );
  });

  it('fails a refused connection with its code, which the budget rules read as never sent', async () => {
    const port = await closedPort();
    const error = await createBufferedFetch()(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', body: '{}' }).then(
      () => assert.fail('a closed port answered'),
      (e: unknown) => e,
    );
    assert.deepEqual({ ...classifyFetchFailure(error), description: undefined }, { code: 'ECONNREFUSED', beforeSending: true, description: undefined });
  });

  it('fails a body that breaks off after the headers, which the budget rules read as possibly billed', async () => {
    await withServer(
      (_request, _body, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(COMPLETION.length) });
        response.write(COMPLETION.slice(0, 20), () => response.socket?.destroy());
      },
      async (url) => {
        const error = await createBufferedFetch()(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' }).then(
          () => assert.fail('a broken body resolved'),
          (e: unknown) => e,
        );
        assert.equal(classifyFetchFailure(error).beforeSending, false);
      },
    );
  });

  it('through the chat client: a completion is read and metered once; a body cut short is spent as uncertain', async () => {
    let cut = false;
    await withServer(
      (_request, _body, response) => {
        if (!cut) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(COMPLETION);
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(COMPLETION.length) });
        response.write(COMPLETION.slice(0, 20), () => response.socket?.destroy());
      },
      async (url) => {
        const client = createChatClient({ baseURL: `${url}/v1`, apiKey: 'sk-test', timeoutMs: 30_000, maxRetries: 0, maxConcurrency: 2 });
        const meter = new RecordingMeter();
        const result = await client.complete(chatRequest(), meter, new AbortController().signal);
        assert.equal(result.content, 'Forty-two. ✓');
        assert.deepEqual(meter.outcomes, [{ kind: 'completed', status: 200 }]);
        cut = true;
        const broken = new RecordingMeter();
        const error = await client.complete(chatRequest(), broken, new AbortController().signal).then(
          () => assert.fail('a cut body completed'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof ChatError);
        assert.deepEqual(broken.outcomes, [{ kind: 'uncertain', reason: 'stream-broken' }]);
      },
    );
  });

  it('aborts a request in flight, and sends nothing for a signal already aborted', async () => {
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    await withServer(
      () => arrived(), // never answers
      async (url, seen) => {
        const fetchBuffered = createBufferedFetch();
        const inFlight = new AbortController();
        const pending = fetchBuffered(`${url}/v1/chat/completions`, { method: 'POST', body: '{}', signal: inFlight.signal });
        await requestArrived;
        inFlight.abort(new Error('cancelled by the test'));
        await assert.rejects(pending);
        const before = seen();
        const already = new AbortController();
        already.abort(new Error('cancelled before'));
        await assert.rejects(fetchBuffered(`${url}/v1/chat/completions`, { method: 'POST', body: '{}', signal: already.signal }), /cancelled before/);
        assert.equal(seen(), before, 'an aborted signal sends nothing');
      },
    );
  });

  it('leaves what it does not send itself (a Request, a form body, another scheme) to the fallback', async () => {
    const fallbackSaw: string[] = [];
    const fallback: FetchLike = async (input) => {
      fallbackSaw.push(input instanceof Request ? 'Request' : String(input).split(':')[0]!);
      return new Response('{}');
    };
    const fetchBuffered = createBufferedFetch(fallback);
    await fetchBuffered(new Request('http://127.0.0.1:9/x'));
    await fetchBuffered('http://127.0.0.1:9/files', { method: 'POST', body: new FormData() });
    await fetchBuffered('data:text/plain,hi');
    assert.deepEqual(fallbackSaw, ['Request', 'http', 'data']);
  });

  it('the metered fetch hands a held response on as it is, without reading it again', async () => {
    await withServer(
      (_request, _body, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(COMPLETION);
      },
      async (url) => {
        const transported: Response[] = [];
        const fetchBuffered = createBufferedFetch();
        const calls = new CallRegistry();
        const metered = createMeteredFetch({
          fetch: async (input, init) => {
            const response = await fetchBuffered(input, init);
            transported.push(response);
            return response;
          },
          calls,
          rate: new RateController({ maxConcurrency: 1 }),
          timeoutMs: 30_000,
          maxRetries: 0,
        });
        const meter = new RecordingMeter();
        const id = calls.open({ meter, signal: new AbortController().signal, attempts: 0, fail: () => {} });
        const response = await metered(`${url}/v1/chat/completions`, { method: 'POST', body: '{}', headers: { [CALL_HEADER]: id } });
        calls.close(id);
        assert.equal(response, transported[0], 'the same Response, not a rebuilt copy');
        assert.equal(await response.text(), COMPLETION);
        assert.deepEqual(meter.outcomes, [{ kind: 'completed', status: 200 }]);
      },
    );
  });
});
