import { describe, expect, it } from 'vitest';

import { PumpApiClient, parseStatus, requireHttps } from './apiClient';
import type { FetchFn } from './apiClient';

const SERVICE = 'https://infucare.hospital.example';

const RAW_STATUS = {
  pump_serial: 'IC-0012345',
  state: 'running',
  drug_name: 'Dopamine 400 mg/250 mL',
  rate_ml_h: 13.1,
  volume_infused_ml: 42,
  vtbi_remaining_ml: 208,
  alarms: [{ alarm: 'vtbi_near_end', priority: 'medium', raised_at: '2025-03-01T09:58:00Z' }],
  updated_at: '2025-03-01T10:00:00Z',
};

function recordingFetch(body: unknown, status = 200): { fetchFn: FetchFn; calls: Array<{ url: string; init?: RequestInit }> } {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetchFn: FetchFn = async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetchFn, calls };
}

describe('PumpApiClient', () => {
  // @verifies SRS-051
  it('refuses a service URL that is not https', () => {
    expect(() => requireHttps(SERVICE.replace('https:', 'ftp:'))).toThrow(/https/);
    expect(() => new PumpApiClient(SERVICE.replace('https:', 'ws:'))).toThrow(/https/);
    expect(requireHttps(SERVICE).host).toBe('infucare.hospital.example');
  });

  // @verifies SRS-050, SRS-051
  it('fetches the status over https with the session token', async () => {
    const { fetchFn, calls } = recordingFetch(RAW_STATUS);
    const client = new PumpApiClient(SERVICE, fetchFn);
    const session = crypto.randomUUID();
    client.setSessionToken(session);
    const status = await client.getStatus('IC-0012345');
    expect(calls[0].url).toBe(`${SERVICE}/api/v1/pumps/IC-0012345/status`);
    expect((calls[0].init?.headers as Record<string, string>).Authorization).toBe(`Bearer ${session}`);
    expect(status.vtbiRemainingMl).toBe(208);
    expect(status.alarms[0].alarm).toBe('vtbi_near_end');
  });

  // @verifies SRS-050
  it('rejects a malformed status instead of showing part of it', () => {
    expect(() => parseStatus({ ...RAW_STATUS, rate_ml_h: 'fast' })).toThrow(/rate_ml_h/);
    expect(() => parseStatus({ ...RAW_STATUS, updated_at: 'yesterday' })).toThrow(/updated_at/);
  });
});
