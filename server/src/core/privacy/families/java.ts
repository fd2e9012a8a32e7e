/** Java: `new Socket(host, port)` is a plain TCP channel; `writeText` is not a file write. */
import type { CallEffect } from '../apis';
import type { CallView, PrivacyFamily } from './types';

/** `new Socket(…)` / `Socket(…)` of java.net (the JVM languages). */
export function jvmSocket({ lname }: CallView, eff: CallEffect): CallEffect | undefined {
  return lname === 'socket' ? { ...eff, ch: 'tcp', chDetail: 'plain TCP socket' } : undefined;
}

export const java: PrivacyFamily = {
  noWriteTextFile: true,
  declaredClients: true,
  channel: jvmSocket,
};
