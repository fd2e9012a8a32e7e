// @unit SU-APP
/**
 * Status card of one pump in the companion app. Informational only: the
 * pump's own display and alarms remain the primary means of monitoring.
 */
import { formatDistanceStrict } from 'date-fns';
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';

import type { AlarmKind, PumpApiClient, PumpStatus } from './apiClient';
import { isStale, startPolling } from './polling';

const ALARM_LABELS: Record<AlarmKind, string> = {
  occlusion_downstream: 'Occlusion (downstream)',
  air_in_line: 'Air in line',
  vtbi_near_end: 'Infusion near end',
  battery_low: 'Battery low',
};

export interface InfusionStatusProps {
  client: PumpApiClient;
  serial: string;
  pollIntervalMs: number;
}

/**
 * Lines of the status card, in display order.
 * @implements SRS-050
 */
export function statusLines(status: PumpStatus, now: Date): string[] {
  return [
    `Rate ${status.rateMlH.toFixed(1)} mL/h`,
    `Infused ${status.volumeInfusedMl.toFixed(1)} mL`,
    `Remaining ${status.vtbiRemainingMl.toFixed(1)} mL`,
    `Updated ${formatDistanceStrict(status.updatedAt, now, { addSuffix: true })}`,
  ];
}

/**
 * @implements SRS-050
 */
export function InfusionStatus({ client, serial, pollIntervalMs }: InfusionStatusProps): ReactElement {
  const [status, setStatus] = useState<PumpStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const poller = startPolling(
      () => client.getStatus(serial),
      (next) => {
        setStatus(next);
        setError(null);
      },
      (failure) => setError(failure.message),
      pollIntervalMs,
    );
    return () => poller.stop();
  }, [client, serial, pollIntervalMs]);

  useEffect(() => {
    const clock = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(clock);
  }, []);

  if (status === null) {
    return (
      <section className="infusion-status" aria-busy="true">
        {error ?? 'Connecting…'}
      </section>
    );
  }

  const stale = isStale(status, now);
  return (
    <section className={stale ? 'infusion-status stale' : 'infusion-status'} aria-live="polite">
      <h2>
        {serial}: {status.drugName ?? 'No infusion'}
      </h2>
      {stale && <p role="alert">Data not current. Check the pump.</p>}
      {error !== null && <p className="connection-error">{error}</p>}
      <ul className="values">
        {statusLines(status, now).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {status.alarms.length > 0 && (
        <ul className="alarms">
          {status.alarms.map((alarm) => (
            <li key={alarm.alarm} className={`alarm alarm-${alarm.priority}`}>
              {ALARM_LABELS[alarm.alarm]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
