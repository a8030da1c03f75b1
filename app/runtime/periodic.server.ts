/**
 * Runs `pass` at start and then every `everyMs`, one pass at a time: a tick that comes while a pass
 * still runs is dropped, not queued. A failed pass is logged with `failure`; the next one picks up.
 */
export function startPeriodic(pass: () => Promise<unknown>, { everyMs, failure }: { everyMs: number; failure: string }) {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= pass()
      .catch((error: unknown) => console.error(failure, error))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
