/**
 * Remembers recently seen keys for a while: how the adapters answer a redelivered slash command or a replayed interaction
 * (same trigger_id, `x-slack-retry-num` or `retry_attempt`) only once.
 */
export class RecentKeys {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** True if the key was seen within the TTL; otherwise records it and returns false. */
  checkAndAdd(key: string): boolean {
    const now = this.nowMs();
    const at = this.seenAt.get(key);
    if (at !== undefined && now - at < this.ttlMs) return true;
    this.seenAt.delete(key);
    this.seenAt.set(key, now);
    this.prune(now);
    return false;
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.seenAt.size;
  }

  private prune(now: number): void {
    // Map iterates in insertion order, so the oldest keys come first.
    for (const [key, at] of this.seenAt) {
      if (this.seenAt.size <= this.maxKeys && now - at < this.ttlMs) break;
      this.seenAt.delete(key);
    }
  }
}
