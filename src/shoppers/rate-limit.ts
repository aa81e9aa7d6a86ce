/** Rate limits by key over a fixed window; the interface lets a shared store (D1, KV, Redis) stand in later. */

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window resets, for `Retry-After`. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit on `key` and says whether it is within `limit` per `windowMs`. */
  hit(key: string, limit: number, windowMs: number, now: Date): Promise<RateLimitDecision>;
}

/** One process's limiter: a counter per key and window, forgetting finished windows as it goes. */
export function createMemoryRateLimiter(maxKeys = 100_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(key, limit, windowMs, now) {
      const t = now.getTime();
      const start = t - (t % windowMs);
      let w = windows.get(key);
      if (!w || w.start !== start) {
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (v.start + windowMs <= t) windows.delete(k);
        }
        w = { start, count: 0 };
        windows.set(key, w);
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - t) / 1000));
      if (w.count >= limit) return { allowed: false, retryAfterSeconds };
      w.count += 1;
      return { allowed: true, retryAfterSeconds };
    },
  };
}
