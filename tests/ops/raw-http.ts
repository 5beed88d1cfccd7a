/** Raw HTTP over a net.Socket: request lines no HTTP client would send, and half-sent requests. */
import { connect, type Socket } from 'node:net';

/** Sends `text` as is and resolves with everything the server answered before closing (or timeoutMs). */
export function rawRequest(port: number, text: string | Buffer, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, timeoutMs);
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      if (answer) resolve(answer);
      else reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.write(text);
  });
}

/** The status code of a raw HTTP answer, or null when there was none. */
export function statusOf(answer: string): number | null {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
  return m ? Number(m[1]) : null;
}

/** Opens a socket, sends `head`, and hands it back so the caller sends the rest later. */
export function openRaw(
  port: number,
  head: string,
): Promise<{ socket: Socket; answer: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      resolve({ socket, answer: () => answer, closed });
    });
    let answer = '';
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.once('error', reject);
  });
}

/** The request targets that made `new URL` throw in the receivers. */
export const BAD_TARGETS = [
  '//[',
  'http://[x/',
  'http://a:99999/',
  'http://%zz/',
  '//%zz',
  'http://[::1/slack/events',
];
