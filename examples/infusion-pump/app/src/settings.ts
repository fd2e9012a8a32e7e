// @unit SU-APP
/**
 * User settings of the companion app, persisted in local storage. Only
 * preferences live here: the session token is kept in memory by
 * PumpApiClient and is never persisted.
 *
 * @implements SRS-051
 */
import { requireHttps } from './apiClient';

export interface AppSettings {
  serviceUrl: string;
  pollIntervalMs: number;
  ward: string | null;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const DEFAULT_SETTINGS: Readonly<AppSettings> = {
  serviceUrl: 'https://infucare.hospital.example',
  pollIntervalMs: 5000,
  ward: null,
};

export const MIN_POLL_INTERVAL_MS = 2000;
export const MAX_POLL_INTERVAL_MS = 30000;
const STORAGE_KEY = 'infucare.settings.v1';

export type SettingsListener = (settings: AppSettings) => void;

/** Throws when the settings would be unsafe to use. */
export function validateSettings(settings: AppSettings): AppSettings {
  requireHttps(settings.serviceUrl);
  if (
    !Number.isInteger(settings.pollIntervalMs) ||
    settings.pollIntervalMs < MIN_POLL_INTERVAL_MS ||
    settings.pollIntervalMs > MAX_POLL_INTERVAL_MS
  ) {
    throw new Error(`Poll interval must be between ${MIN_POLL_INTERVAL_MS} and ${MAX_POLL_INTERVAL_MS} ms`);
  }
  return settings;
}

export class SettingsStore {
  private current: AppSettings;
  private readonly listeners = new Set<SettingsListener>();

  constructor(private readonly storage: KeyValueStorage) {
    this.current = this.load();
  }

  get(): AppSettings {
    return { ...this.current };
  }

  /** Validate, persist and notify; invalid settings are rejected whole. */
  update(patch: Partial<AppSettings>): AppSettings {
    const next = validateSettings({ ...this.current, ...patch });
    this.storage.setItem(STORAGE_KEY, JSON.stringify(next));
    this.current = next;
    this.listeners.forEach((listener) => listener(this.get()));
    return this.get();
  }

  subscribe(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stored settings that no longer validate (e.g. edited by hand) fall back to the defaults. */
  private load(): AppSettings {
    const stored = this.storage.getItem(STORAGE_KEY);
    if (stored === null) {
      return { ...DEFAULT_SETTINGS };
    }
    try {
      return validateSettings({ ...DEFAULT_SETTINGS, ...(JSON.parse(stored) as Partial<AppSettings>) });
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }
}
