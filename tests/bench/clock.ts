/** Milliseconds on a clock shared by every process of the bench (wall clock, sub-ms resolution). */
export function now(): number {
  return performance.timeOrigin + performance.now()
}
