/** Kotlin: `error()` / `require()` / `check()` raise; `println`; `File(…)` is a path, not a channel; JVM sockets. */
import type { PrivacyFamily } from './types';
import { jvmSocket } from './java';

export const kotlin: PrivacyFamily = {
  bareLog: /^(println|print)$/,
  raises: ({ bare, name }) => bare && /^(error|require|check|requireNotNull|checkNotNull|TODO)$/.test(name),
  channel: (c, eff) => (c.lname === 'file' ? eff : jvmSocket(c, eff)),
};
