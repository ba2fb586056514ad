/**
 * Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`
 * with the last value seen. For asynchronous outcomes (a queue drained, a webhook applied) that
 * a test cannot await directly; the timeout is a safety net, never an assertion about speed.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 15_000, intervalMs = 20, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A promise and its resolver, for handlers a test wants to hold open. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
