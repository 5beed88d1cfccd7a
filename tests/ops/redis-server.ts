/**
 * A private redis-server on a free port, started and stopped by the test (never the shared one on
 * 6379): for outages that a test causes and ends itself.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Whether redis-server is installed; CI installs it, so there its absence fails. */
export function redisServerAvailable(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error('CI needs redis-server for the Redis outage tests');
    console.warn('redis-server not installed: skipping the Redis outage tests');
    return false;
  }
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A redis-server this test owns: start it, stop it (an outage), start it again. */
export interface PrivateRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private Redis on a free port (not started yet), persisting every write to an append-only file
 * in `dir` so a stop (kill -9) and start loses nothing, as a production Redis with AOF would.
 */
export async function privateRedis(dir?: string): Promise<PrivateRedis> {
  const port = await freePort();
  const persistence = dir
    ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  let child: ChildProcess | null = null;
  const ping = async (): Promise<boolean> => {
    const { createConnection } = await import('node:net');
    return new Promise((resolve) => {
      const c = createConnection(port, '127.0.0.1');
      c.once('error', () => resolve(false));
      c.once('connect', () => c.write('PING\r\n'));
      c.once('data', (d) => {
        c.destroy();
        resolve(String(d).startsWith('+PONG'));
      });
    });
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence],
        {
          stdio: 'ignore',
        },
      );
      for (let i = 0; i < 100 && !(await ping()); i++) await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
  };
}
