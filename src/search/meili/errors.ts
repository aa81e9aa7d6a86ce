/** Our errors for the Meilisearch engine, each made from the official client's own error classes. */
import {
  MeilisearchApiError,
  MeilisearchError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type Task,
} from 'meilisearch';

export class MeiliEngineError extends Error {
  override name = 'MeiliEngineError';
}

/** Meilisearch could not be reached, or did not answer or finish a task in time: try again later. */
export class MeiliUnavailableError extends MeiliEngineError {
  override name = 'MeiliUnavailableError';
}

/** Meilisearch refused a request; `code` is its error code, e.g. `invalid_search_filter`. */
export class MeiliApiError extends MeiliEngineError {
  override name = 'MeiliApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An enqueued task ended `failed` or `canceled`. */
export class MeiliTaskError extends MeiliEngineError {
  override name = 'MeiliTaskError';
  readonly code: string;
  constructor(readonly task: Task) {
    super(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no reason given'}`,
    );
    this.code = task.error?.code ?? task.status;
  }
}

/** Maps anything the client throws to one of ours; unknown errors pass through unchanged. */
export function toMeiliError(error: unknown): unknown {
  if (error instanceof MeiliEngineError) return error;
  if (error instanceof MeilisearchApiError) return fromApi(error);
  if (error instanceof MeilisearchRequestError) {
    // With an injected fetch the client wraps every error of ours, API errors included.
    if (error.cause instanceof MeilisearchApiError) return fromApi(error.cause);
    const reason =
      error.cause instanceof MeilisearchRequestTimeOutError || error.cause instanceof Error
        ? error.cause.message
        : String(error.cause);
    return new MeiliUnavailableError(`${error.message}: ${reason}`, { cause: error });
  }
  if (error instanceof MeilisearchTaskTimeOutError) {
    return new MeiliUnavailableError(error.message, { cause: error });
  }
  if (error instanceof MeilisearchError) return new MeiliEngineError(error.message, { cause: error });
  return error;
}

function fromApi(error: MeilisearchApiError): MeiliApiError | MeiliUnavailableError {
  const status = error.response.status;
  if (status >= 500 && !error.cause) {
    return new MeiliUnavailableError(`Meilisearch answered ${status}`, { cause: error });
  }
  return new MeiliApiError(error.message, error.cause?.code ?? `http_${status}`, status, { cause: error });
}

/** Runs a client call and rethrows its failure as one of ours. */
export async function meiliCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toMeiliError(error);
  }
}
