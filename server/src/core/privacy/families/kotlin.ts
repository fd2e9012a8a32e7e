/**
 * Kotlin: `error()` / `require()` / `check()` raise — except `error(…)` in a Compose `semantics { }` block,
 * which sets the accessibility error text; `println`; `File(…)` is a path, not a channel; JVM sockets.
 */
import type { PrivacyFamily } from './types';
import { jvmSocket } from './java';

export const kotlin: PrivacyFamily = {
  bareLog: /^(println|print)$/,
  raises: ({ bare, name, site }) => bare && /^(error|require|check|requireNotNull|checkNotNull|TODO)$/.test(name) && !(name === 'error' && /^(semantics|clearAndSetSemantics)$/.test(site.lambdaOf ?? '')),
  channel: (c, eff) => (c.lname === 'file' ? eff : jvmSocket(c, eff)),
};
