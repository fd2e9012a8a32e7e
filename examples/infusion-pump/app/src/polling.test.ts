import { describe, expect, it } from 'vitest';

import type { PumpStatus } from './apiClient';
import { STALE_AFTER_MS, isStale, jitteredDelay, startPolling } from './polling';
import type { Timers } from './polling';
import { statusLines } from './InfusionStatus';

const STATUS: PumpStatus = {
  pumpSerial: 'IC-0012345',
  state: 'running',
  drugName: 'Dopamine 400 mg/250 mL',
  rateMlH: 13.1,
  volumeInfusedMl: 42,
  vtbiRemainingMl: 208,
  alarms: [],
  updatedAt: new Date('2025-03-01T10:00:00Z'),
};

function manualTimers(): Timers & { pending: Array<() => void> } {
  const pending: Array<() => void> = [];
  return {
    pending,
    setTimeout: (handler) => pending.push(handler),
    clearTimeout: () => pending.splice(0),
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('status polling', () => {
  // @verifies SRS-050
  it('marks a status older than 30 s as not current', () => {
    expect(isStale(STATUS, new Date(STATUS.updatedAt.getTime() + STALE_AFTER_MS))).toBe(false);
    expect(isStale(STATUS, new Date(STATUS.updatedAt.getTime() + STALE_AFTER_MS + 1))).toBe(true);
  });

  // @verifies SRS-050
  it('shows rate, volume infused, volume remaining and age', () => {
    const lines = statusLines(STATUS, new Date('2025-03-01T10:00:45Z'));
    expect(lines).toEqual(['Rate 13.1 mL/h', 'Infused 42.0 mL', 'Remaining 208.0 mL', 'Updated 45 seconds ago']);
  });

  // @verifies SRS-050
  it('keeps polling after a failed request and stops when asked', async () => {
    const timers = manualTimers();
    const seen: string[] = [];
    let calls = 0;
    const poller = startPolling(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('offline');
        return STATUS;
      },
      (s) => seen.push(s.pumpSerial),
      (e) => seen.push(e.message),
      5000,
      timers,
    );
    await flush();
    timers.pending.shift()?.();
    await flush();
    expect(seen).toEqual(['offline', 'IC-0012345']);
    poller.stop();
    expect(timers.pending).toHaveLength(0);
  });

  it('spreads polls within +/-20 % of the interval', () => {
    for (let i = 0; i < 100; i += 1) {
      const delay = jitteredDelay(5000);
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(6000);
    }
  });
});
