/** The one configured Meilisearch client of the engine: a timeout on every request, and tasks waited for and checked. */
import {
  type EnqueuedTask,
  type EnqueuedTaskPromise,
  Meilisearch,
  MeilisearchApiError,
  type Task,
} from 'meilisearch';
import { MeiliTaskError, meiliCall } from './errors';

export interface MeiliClientOptions {
  url: string;
  apiKey?: string | undefined;
  /** Replaces the global fetch (tests, or a runtime's own); errors are then mapped as the client would. */
  fetch?: typeof fetch | undefined;
  /** Per HTTP request. Default 10 s. */
  timeoutMs?: number | undefined;
  /** How long to wait for one task to finish. Default 60 s. */
  taskTimeoutMs?: number | undefined;
  /** Polling interval while waiting for a task. Default 50 ms. */
  taskPollMs?: number | undefined;
}

export function createMeiliClient(options: MeiliClientOptions): Meilisearch {
  const injected = options.fetch;
  return new Meilisearch({
    host: options.url,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeout: options.timeoutMs ?? 10_000,
    defaultWaitOptions: { timeout: options.taskTimeoutMs ?? 60_000, interval: options.taskPollMs ?? 50 },
    ...(injected ? { httpClient: viaFetch(injected) } : {}),
  });
}

/** What the client itself does with a response, for an injected fetch. */
function viaFetch(f: typeof fetch) {
  return async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<unknown> => {
    const response = await f(input, init);
    const text = await response.text();
    const body = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new MeilisearchApiError(response, body);
    return body;
  };
}

/** Sends one enqueuing call; resolves to its task once Meilisearch has accepted it. */
export function enqueue(call: () => EnqueuedTaskPromise): Promise<EnqueuedTask> {
  return meiliCall(() => call());
}

/** Waits for every task in turn; throws on the first that did not succeed. */
export async function waitForTasks(client: Meilisearch, tasks: readonly EnqueuedTask[]): Promise<Task[]> {
  const done: Task[] = [];
  for (const task of tasks) {
    const finished = await meiliCall(() => client.tasks.waitForTask(task.taskUid));
    if (finished.status !== 'succeeded') throw new MeiliTaskError(finished);
    done.push(finished);
  }
  return done;
}
