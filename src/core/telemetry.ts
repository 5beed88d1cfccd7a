/**
 * Where the core, the store and the scheduler report what operators count (answers, deliveries,
 * store errors, scheduler lag). One process-wide sink, a no-op until the ops layer installs the
 * Prometheus one, so inner layers never import prom-client or the HTTP server.
 */

/** How one answer ended: a normal answer, an expected miss, a refused input, or a thrown bug. */
export type AnswerOutcome = 'ok' | 'miss' | 'rejected' | 'failed';

/** What the inner layers report. */
export interface Telemetry {
  answer(command: string, platform: string, outcome: AnswerOutcome, seconds: number): void;
  delivery(platform: string, outcome: string): void;
  schedulerLag(seconds: number): void;
  storeError(operation: string): void;
}

const noop: Telemetry = {
  answer: () => undefined,
  delivery: () => undefined,
  schedulerLag: () => undefined,
  storeError: () => undefined,
};

let sink: Telemetry = noop;

/** Installs the process's telemetry sink (null restores the no-op); returns the previous one. */
export function setTelemetry(next: Telemetry | null): Telemetry {
  const previous = sink;
  sink = next ?? noop;
  return previous;
}

/** The current telemetry sink. */
export function telemetry(): Telemetry {
  return sink;
}
