import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS, SettingsStore } from './settings';
import type { KeyValueStorage } from './settings';

/** The default URL with its scheme downgraded, as a misconfiguration would. */
const DOWNGRADED_URL = DEFAULT_SETTINGS.serviceUrl.replace('https:', 'ws:');

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('SettingsStore', () => {
  // @verifies SRS-051
  it('rejects a cleartext service URL and keeps the previous settings', () => {
    const storage = memoryStorage();
    const store = new SettingsStore(storage);
    expect(() => store.update({ serviceUrl: DOWNGRADED_URL })).toThrow(/https/);
    expect(store.get().serviceUrl).toBe(DEFAULT_SETTINGS.serviceUrl);
    expect(Object.keys(storage.data)).toHaveLength(0);
  });

  // @verifies SRS-051
  it('falls back to defaults when the stored URL was tampered with', () => {
    const storage = memoryStorage({ 'infucare.settings.v1': JSON.stringify({ serviceUrl: DOWNGRADED_URL }) });
    expect(new SettingsStore(storage).get()).toEqual(DEFAULT_SETTINGS);
  });

  // @verifies SRS-050
  it('persists a valid poll interval and notifies subscribers', () => {
    const storage = memoryStorage();
    const store = new SettingsStore(storage);
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.pollIntervalMs));
    store.update({ pollIntervalMs: 10000 });
    expect(seen).toEqual([10000]);
    expect(new SettingsStore(storage).get().pollIntervalMs).toBe(10000);
    expect(() => store.update({ pollIntervalMs: 100 })).toThrow(/between/);
  });
});
