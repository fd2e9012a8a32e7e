// @unit SU-APP
/**
 * Client of the InfuCare telemetry service API.
 *
 * Only https URLs are accepted. Certificate and host name validation is done
 * by the platform's fetch (browser or WebView) and there is no way to turn
 * it off from the app.
 */

export type AlarmKind = 'occlusion_downstream' | 'air_in_line' | 'vtbi_near_end' | 'battery_low';
export type AlarmPriority = 'low' | 'medium' | 'high';

export interface ActiveAlarm {
  alarm: AlarmKind;
  priority: AlarmPriority;
  raisedAt: Date;
}

export interface PumpStatus {
  pumpSerial: string;
  state: 'idle' | 'running' | 'paused' | 'alarm';
  drugName: string | null;
  rateMlH: number;
  volumeInfusedMl: number;
  vtbiRemainingMl: number;
  alarms: ActiveAlarm[];
  updatedAt: Date;
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

const PUMP_SERIAL = /^IC-[0-9]{7}$/;

/** An HTTP error answer of the service. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Parse a service URL and refuse anything but https.
 * @implements SRS-051
 */
export function requireHttps(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') {
    throw new Error(`The InfuCare service must be reached over https (got ${parsed.protocol})`);
  }
  return parsed;
}

/**
 * Map the service's JSON (snake_case) to PumpStatus, rejecting anything that
 * does not have the expected shape rather than displaying a partial status.
 * @implements SRS-050
 */
export function parseStatus(raw: unknown): PumpStatus {
  const r = raw as Record<string, unknown>;
  const numbers = ['rate_ml_h', 'volume_infused_ml', 'vtbi_remaining_ml'] as const;
  if (typeof r !== 'object' || r === null || typeof r.pump_serial !== 'string' || !Array.isArray(r.alarms)) {
    throw new Error('Malformed pump status');
  }
  for (const key of numbers) {
    if (typeof r[key] !== 'number' || !Number.isFinite(r[key])) {
      throw new Error(`Malformed pump status: ${key}`);
    }
  }
  const updatedAt = new Date(String(r.updated_at));
  if (Number.isNaN(updatedAt.getTime())) {
    throw new Error('Malformed pump status: updated_at');
  }
  return {
    pumpSerial: r.pump_serial,
    state: r.state as PumpStatus['state'],
    drugName: typeof r.drug_name === 'string' ? r.drug_name : null,
    rateMlH: r.rate_ml_h as number,
    volumeInfusedMl: r.volume_infused_ml as number,
    vtbiRemainingMl: r.vtbi_remaining_ml as number,
    alarms: (r.alarms as Array<Record<string, unknown>>).map((a) => ({
      alarm: a.alarm as AlarmKind,
      priority: a.priority as AlarmPriority,
      raisedAt: new Date(String(a.raised_at)),
    })),
    updatedAt,
  };
}

/**
 * Status queries of the companion app. The session token lives in memory
 * only; it is never written to storage.
 * @implements SRS-050, SRS-051
 */
export class PumpApiClient {
  private readonly base: URL;
  private token: string | null = null;

  constructor(
    baseUrl: string,
    private readonly fetchFn: FetchFn = (input, init) => fetch(input, init),
  ) {
    this.base = requireHttps(baseUrl);
  }

  setSessionToken(token: string | null): void {
    this.token = token;
  }

  async getStatus(serial: string): Promise<PumpStatus> {
    if (!PUMP_SERIAL.test(serial)) {
      throw new Error('Invalid pump serial');
    }
    if (this.token === null) {
      throw new ApiError(401, 'Not signed in');
    }
    const url = new URL(`/api/v1/pumps/${encodeURIComponent(serial)}/status`, this.base);
    const response = await this.fetchFn(url.toString(), {
      method: 'GET',
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${this.token}`,
        'X-Request-Id': crypto.randomUUID(),
      },
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
    if (!response.ok) {
      throw new ApiError(response.status, `Status of ${serial} unavailable (${response.status})`);
    }
    return parseStatus(await response.json());
  }
}
