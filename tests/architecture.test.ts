/**
 * The shape of the codebase, checked from the source text so it stays true as it grows:
 * dependencies point inward (adapters → commands → core), there are no import cycles, only
 * config.ts reads the environment, only logger.ts touches pino, and no source file is a warehouse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

/** Source files, repo-relative with forward slashes. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

const FILES = [...sourceFiles('src'), ...sourceFiles('commands')].sort();
const TEXT = new Map(FILES.map((f) => [f, readFileSync(path.join(REPO_ROOT, f), 'utf8')]));

/** Every module a file imports or re-exports, statically or with import(): relative ones resolved. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = TEXT.get(file) ?? '';
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[\s\S]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string);
  const local: string[] = [];
  const packages: string[] = [];
  for (const spec of specifiers) {
    if (!spec.startsWith('.')) {
      packages.push(spec);
      continue;
    }
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    local.push(resolved.replace(/\.js$/, '.ts'));
  }
  return { local, packages };
}

const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

/** Which layer a file belongs to. */
function layer(file: string): string {
  if (file.startsWith('commands/')) return 'commands';
  const m = /^src\/([^/]+)\//.exec(file);
  return m ? (m[1] as string) : file;
}

/** What each layer may import besides itself (and npm packages). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  commands: ['core'],
  store: ['core', 'src/logger.ts'],
  scheduler: ['core', 'store', 'src/logger.ts'],
  // Cards are the adapters' pictures of a Reply: pure, platform-free, beside core (DESIGN §2).
  cards: ['core', 'src/config.ts'],
  adapters: ['core', 'commands', 'cards', 'src/config.ts', 'src/logger.ts'],
  ingest: ['core', 'src/config.ts', 'src/logger.ts'],
};

describe('the architecture', () => {
  it('reads every source file and finds its imports', () => {
    expect(FILES).toContain('src/core/command.ts');
    expect(GRAPH.get('src/adapters/discord/interaction.ts')?.local).toContain('src/core/run-command.ts');
    expect(GRAPH.get('src/start.ts')?.local).toContain('src/adapters/discord/index.ts');
  });

  it('points dependencies inward: core imports only core, commands only core, adapters no scheduler or store', () => {
    const broken: string[] = [];
    for (const [file, { local }] of GRAPH) {
      const allowed = ALLOWED[layer(file)];
      if (!allowed) continue;
      for (const target of local) {
        const ok =
          layer(target) === layer(file) || allowed.includes(layer(target)) || allowed.includes(target);
        if (!ok) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      stack.push(file);
      for (const next of GRAPH.get(file)?.local ?? []) if (GRAPH.has(next)) visit(next);
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of FILES) visit(file);
    expect(cycles).toEqual([]);
  });

  it('reads the environment only in src/config.ts', () => {
    const readers = FILES.filter((f) => f !== 'src/config.ts' && /\bprocess\.env\b/.test(TEXT.get(f) ?? ''));
    expect(readers).toEqual([]);
  });

  it('logs only through src/logger.ts: no other module imports pino', () => {
    const direct = FILES.filter((f) => f !== 'src/logger.ts' && GRAPH.get(f)?.packages.includes('pino'));
    expect(direct).toEqual([]);
  });

  it('keeps platform libraries out of core and commands', () => {
    const leaks = FILES.filter(
      (f) =>
        ['core', 'commands'].includes(layer(f)) &&
        GRAPH.get(f)?.packages.some((p) => p.startsWith('discord.js') || p.startsWith('@slack/')),
    );
    expect(leaks).toEqual([]);
  });

  it('keeps every source file under 500 lines', () => {
    const large = FILES.map((f) => ({ file: f, lines: (TEXT.get(f) ?? '').split('\n').length - 1 })).filter(
      (f) => f.lines > 500,
    );
    expect(large).toEqual([]);
  });
});
