/**
 * The clock of the sandboxed demo world. Unpinned (no SANDBOX_WORLD_NOW) the world's history ends
 * when the sandboxes start and every clock is the wall clock, so "the last 7 days" holds demo data
 * whatever the date. Pinned, the world ends at SANDBOX_WORLD_NOW (tests and reproducible demos), and
 * what depends on "today" against the world (the Google Ads sandbox: TODAY, LAST_30_DAYS, click_view's
 * 90 days; and the Google Ads connector pointed at it) runs on a clock that starts at that instant
 * and moves at the wall clock's pace. It is anchored at the process's start (performance.timeOrigin),
 * so every such clock in one process tells the same time.
 */
export function pinnedWorldClock(worldNow: string | undefined): (() => number) | undefined {
  if (worldNow === undefined) return undefined;
  const offset = Date.parse(worldNow) - performance.timeOrigin;
  return () => Date.now() + offset;
}
