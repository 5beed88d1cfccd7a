#!/usr/bin/env node
/**
 * `npm start`: compiles if a source changed (build-if-stale), then runs `podium start` in this same
 * process — one Node start-up instead of two. package.json passes the bin's Node flags to this one.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'bin.js');
process.argv = [process.argv[0] ?? 'node', bin, 'start', ...process.argv.slice(2)];
await import(pathToFileURL(bin).href);
