#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 MIMALLOC_PURGE_DELAY=0 node --max-semi-space-size=2
/**
 * Entry point of the `podium` bin: runs the CLI and sets the exit code. The small young
 * generation (2 MB semi-spaces) keeps a connected Discord client under 120 MB RSS; a chat bot
 * does not notice the slightly more frequent minor GCs. MALLOC_MMAP_THRESHOLD_ (glibc; ignored
 * elsewhere) keeps each card's multi-MB canvas in its own mapping, returned to the OS when freed,
 * instead of glibc raising the threshold and keeping those pages in the heap. MIMALLOC_PURGE_DELAY=0
 * (the allocator @napi-rs/canvas links) gives back the pixels a card copies out for the PNG encoder
 * when they are freed, instead of keeping every page for later (see BENCHMARKS.md, Cards).
 */
import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`podium: unexpected failure: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
