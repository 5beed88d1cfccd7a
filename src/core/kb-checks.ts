/**
 * Cross-references between data files: every source, athlete and event an item names must exist
 * (and be published, unless drafts are served). Run when bundles are built into a knowledge base.
 */
import { DataError } from './errors.js';
import type { Athlete, Bundle, Source, SportEvent } from './schema.js';

/** The ids a bundle may point at, and the draft items left out (kind:id). */
export interface KnownIds {
  sources: ReadonlyMap<string, Source>;
  athletes: ReadonlyMap<string, Athlete>;
  events: ReadonlyMap<string, SportEvent>;
  skipped: ReadonlySet<string>;
}

/** Throws DataError (file, JSON path, what was expected) for the first reference to nothing. */
export function checkReferences(file: string, bundle: Bundle, known: KnownIds): void {
  const { sources, athletes, events, skipped } = known;
  const need = (map: ReadonlyMap<string, unknown>, id: string | null, kind: string, jsonPath: string) => {
    if (id === null || map.has(id)) return;
    if (skipped.has(`${kind}:${id}`))
      throw new DataError(
        file,
        jsonPath,
        `the id of a published ${kind}, but "${id}" is a draft awaiting review (podium publish it, or set PODIUM_INCLUDE_DRAFTS=true)`,
      );
    throw new DataError(file, jsonPath, `the id of a known ${kind}, got "${id}"`);
  };
  bundle.events?.forEach((e, i) => {
    for (const [j, s] of e.sources.entries()) need(sources, s, 'source', `$.events[${i}].sources[${j}]`);
    for (const [j, r] of e.results.entries()) {
      if (!r.athlete && !r.team)
        throw new DataError(file, `$.events[${i}].results[${j}]`, 'an athlete or a relay team');
      need(athletes, r.athlete ?? null, 'athlete', `$.events[${i}].results[${j}].athlete`);
      for (const [k, runner] of (r.team?.runners ?? []).entries())
        need(athletes, runner.athlete, 'athlete', `$.events[${i}].results[${j}].team.runners[${k}].athlete`);
      for (const [k, s] of r.sources.entries()) {
        need(sources, s, 'source', `$.events[${i}].results[${j}].sources[${k}]`);
      }
    }
    for (const [j, f] of e.facts.entries()) {
      for (const [k, s] of f.sources.entries()) {
        need(sources, s, 'source', `$.events[${i}].facts[${j}].sources[${k}]`);
      }
    }
  });
  bundle.quotes?.forEach((q, i) => {
    need(athletes, q.speaker, 'athlete', `$.quotes[${i}].speaker`);
    need(sources, q.source, 'source', `$.quotes[${i}].source`);
    need(events, q.event, 'event', `$.quotes[${i}].event`);
  });
}
