/** A stand-in for a Meilisearch server behind an injected `fetch`, for tests: records requests, answers like Meilisearch. */

export interface RecordedRequest {
  method: string;
  /** Without the leading slash, like the client's paths: `indexes/jishi_products/documents`. */
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the client sent, field by field
  body: any;
}

export interface TaskError {
  code: string;
  message: string;
}

export interface FakeMeili {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Requests that enqueue a task (everything but searches and task polling). */
  writes(): RecordedRequest[];
  /** When true every request fails as if the server were unreachable. */
  down: boolean;
  /** How the task enqueued by a request ends; succeeds by default. */
  taskOutcome: (request: RecordedRequest) => 'succeeded' | TaskError;
  /** The answer to `POST indexes/:uid/search`. */
  onSearch: (indexUid: string, body: { q?: string; page?: number; hitsPerPage?: number }) => unknown;
  /** The answer to `POST multi-search`. */
  onMultiSearch: (body: { queries: unknown[] }) => unknown;
  /** Answers this request with an error status and Meilisearch error body instead. */
  reject: ((request: RecordedRequest) => { status: number; code: string; message: string } | null) | null;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export function fakeMeili(): FakeMeili {
  const tasks = new Map<number, { request: RecordedRequest; indexUid: string | null }>();
  const fake: FakeMeili = {
    requests: [],
    writes: () =>
      fake.requests.filter(
        (r) => r.method !== 'GET' && !r.path.endsWith('/search') && r.path !== 'multi-search',
      ),
    down: false,
    taskOutcome: () => 'succeeded',
    onSearch: (_uid, body) => ({
      hits: [],
      query: body.q ?? '',
      processingTimeMs: 0,
      page: body.page ?? 1,
      hitsPerPage: body.hitsPerPage ?? 20,
      totalHits: 0,
      totalPages: 0,
      facetDistribution: {},
    }),
    onMultiSearch: (body) => ({ results: body.queries.map(() => ({ hits: [] })) }),
    reject: null,
    fetch: async (input, init) => {
      if (fake.down) throw new TypeError('fetch failed');
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = (init?.method ?? 'GET').toUpperCase();
      const text = typeof init?.body === 'string' ? init.body : '';
      const request: RecordedRequest = {
        method,
        path: url.pathname.replace(/^\//, ''),
        query: Object.fromEntries(url.searchParams),
        authorization: new Headers(init?.headers).get('Authorization'),
        body: text && text !== 'undefined' ? JSON.parse(text) : undefined,
      };
      if (method !== 'GET' || !request.path.startsWith('tasks/')) fake.requests.push(request);
      const refused = fake.reject?.(request);
      if (refused) {
        return json(refused.status, {
          message: refused.message,
          code: refused.code,
          type: 'invalid_request',
          link: '',
        });
      }
      const task = /^tasks\/(\d+)$/.exec(request.path);
      if (method === 'GET' && task) {
        const known = tasks.get(Number(task[1]));
        if (!known)
          return json(404, {
            message: 'Task not found',
            code: 'task_not_found',
            type: 'invalid_request',
            link: '',
          });
        const outcome = fake.taskOutcome(known.request);
        return json(200, {
          uid: Number(task[1]),
          indexUid: known.indexUid,
          status: outcome === 'succeeded' ? 'succeeded' : 'failed',
          type: 'documentAdditionOrUpdate',
          error: outcome === 'succeeded' ? null : { ...outcome, type: 'invalid_request', link: '' },
          batchUid: 0,
          canceledBy: null,
          duration: 'PT0.001S',
          enqueuedAt: new Date(0).toISOString(),
          startedAt: new Date(0).toISOString(),
          finishedAt: new Date(0).toISOString(),
        });
      }
      const search = /^indexes\/([^/]+)\/search$/.exec(request.path);
      if (search) return json(200, fake.onSearch(search[1]!, request.body));
      if (request.path === 'multi-search') return json(200, fake.onMultiSearch(request.body));
      const taskUid = tasks.size + 1;
      const indexUid = /^indexes\/([^/]+)/.exec(request.path)?.[1] ?? request.body?.uid ?? null;
      tasks.set(taskUid, { request, indexUid });
      return json(202, {
        taskUid,
        indexUid,
        status: 'enqueued',
        type: 'documentAdditionOrUpdate',
        enqueuedAt: new Date(0).toISOString(),
      });
    },
  };
  return fake;
}
