/** When counts gathered in memory should be written: after enough of them, or after enough time since the first. */
export class FlushSchedule {
  private since: number | null = null;

  constructor(
    private readonly everyMs: number,
    private readonly atPending: number,
  ) {}

  /** Whether to write `pending` counts now; starts the clock at the first count. */
  due(pending: number, now: Date, force = false): boolean {
    if (pending === 0) return false;
    this.since ??= now.getTime();
    if (!force && pending < this.atPending && now.getTime() - this.since < this.everyMs) return false;
    this.since = null;
    return true;
  }
}
