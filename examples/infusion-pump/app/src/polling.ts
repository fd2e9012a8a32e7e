// @unit SU-APP
/**
 * Periodic status polling and the staleness rule of the status display.
 * @implements SRS-050
 */
import type { PumpStatus } from './apiClient';

/** Status older than this is shown as not current. */
export const STALE_AFTER_MS = 30000;

export interface Timers {
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Poller {
  stop(): void;
}

/**
 * Delay before the next poll, spread by +/-20 % so that the phones on a ward
 * do not all poll the service in the same second. Load spreading only, not a
 * security value.
 */
export function jitteredDelay(baseMs: number): number {
  const factor = 0.8 + Math.random() * 0.4;
  return Math.round(baseMs * factor);
}

/** True when the displayed status is too old to be relied on. */
export function isStale(status: PumpStatus, now: Date): boolean {
  return now.getTime() - status.updatedAt.getTime() > STALE_AFTER_MS;
}

/** Poll until stopped; a failed poll is reported and polling goes on. */
export function startPolling(
  fetchStatus: () => Promise<PumpStatus>,
  onStatus: (status: PumpStatus) => void,
  onError: (error: Error) => void,
  intervalMs: number,
  timers: Timers = { setTimeout: (h, ms) => setTimeout(h, ms), clearTimeout: (h) => clearTimeout(h as number) },
): Poller {
  let stopped = false;
  let handle: unknown = null;

  const tick = async (): Promise<void> => {
    try {
      const status = await fetchStatus();
      if (!stopped) {
        onStatus(status);
      }
    } catch (error) {
      if (!stopped) {
        onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (!stopped) {
      handle = timers.setTimeout(() => void tick(), jitteredDelay(intervalMs));
    }
  };

  void tick();
  return {
    stop(): void {
      stopped = true;
      if (handle !== null) {
        timers.clearTimeout(handle);
      }
    },
  };
}
