/**
 * The Prometheus metrics of one process (prom-client): answers by command, platform and outcome,
 * answer latency, deliveries by outcome, scheduler lag, store errors, and Node's process metrics.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Telemetry } from '../core/telemetry.js';

/** A process's registry and the telemetry sink that feeds it. */
export interface PodiumMetrics {
  registry: Registry;
  telemetry: Telemetry;
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
  contentType: string;
}

/** Creates a fresh registry (one per process; tests make their own) with the default process metrics. */
export function createMetrics(options: { processMetrics?: boolean } = {}): PodiumMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const answers = new Counter({
    name: 'podium_answers_total',
    help: 'Commands answered, by command, platform and outcome (ok, miss, rejected, failed).',
    labelNames: ['command', 'platform', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'podium_answer_duration_seconds',
    help: 'Time from a command reaching the core to its reply.',
    labelNames: ['platform'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'podium_deliveries_total',
    help: 'Scheduled deliveries handled, by platform and outcome (posted, quiet, retried, gone, errors…).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'podium_scheduler_lag_seconds',
    help: 'At the last tick, how long the most overdue channel had been due.',
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'podium_store_errors_total',
    help: 'Store operations that failed or timed out, by operation.',
    labelNames: ['operation'],
    registers: [registry],
  });
  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    telemetry: {
      answer(command, platform, outcome, seconds) {
        answers.inc({ command, platform, outcome });
        latency.observe({ platform }, seconds);
      },
      delivery: (platform, outcome) => deliveries.inc({ platform, outcome }),
      schedulerLag: (seconds) => lag.set(Math.max(0, seconds)),
      storeError: (operation) => storeErrors.inc({ operation }),
    },
  };
}
