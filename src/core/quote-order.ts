/**
 * "Another quote" without server state: a speaker's quotes are visited in the order
 * k ↦ (a·k + b) mod n, with `a` coprime to n — a permutation, so every quote shows once before any
 * repeats, and it continues seamlessly into the next round. `b` is the quote shown first, `a` is picked
 * at random; both travel in the button as one base-36 number (a·n + b).
 */

function gcd(x: number, y: number): number {
  let a = x;
  let b = y;
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** A visiting order of n quotes. */
export interface QuoteOrder {
  a: number;
  b: number;
}

/** A random order of n quotes that starts at `first` (the quote already shown). */
export function newQuoteOrder(n: number, first: number, random: () => number): QuoteOrder {
  const steps: number[] = [];
  for (let a = 1; a < Math.max(2, n); a++) if (gcd(a, n) === 1) steps.push(a);
  // Step 1 is plain data order: prefer any other when there is one.
  const varied = steps.length > 1 ? steps.slice(1) : steps;
  const a = varied[Math.min(varied.length - 1, Math.floor(random() * varied.length))] ?? 1;
  return { a, b: ((first % n) + n) % n };
}

/** The compact form a button carries. */
export function encodeQuoteOrder(order: QuoteOrder, n: number): string {
  return (order.a * n + order.b).toString(36);
}

/** Reads an order back for n quotes; null when it does not describe a permutation of n (data changed, or typed). */
export function decodeQuoteOrder(text: string | undefined, n: number): QuoteOrder | null {
  if (!text || n < 1 || !/^[0-9a-z]{1,8}$/.test(text)) return null;
  const v = Number.parseInt(text, 36);
  const a = Math.floor(v / n);
  const b = v % n;
  if (a < 1 || (n > 1 && a >= n) || gcd(a, n) !== 1) return null;
  return { a, b };
}

/** Index of the quote at step `k` (0-based) of an order. */
export function quoteAt(order: QuoteOrder, n: number, k: number): number {
  return (((order.a * k + order.b) % n) + n) % n;
}
