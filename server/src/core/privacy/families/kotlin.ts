/**
 * Kotlin: `error()` / `require()` / `check()` raise — except `error(…)` in a Compose `semantics { }` block,
 * which sets the accessibility error text; `println`; `File(…)` is a path, not a channel; JVM sockets.
 * `require`, `check`, `requireNotNull` and `checkNotNull` put only their lazy message (the second argument or
 * trailing lambda) in the exception: the value tested is not in it ("Required value was null.").
 */
import type { PrivacyFamily } from './types';
import { jvmSocket } from './java';

export const kotlin: PrivacyFamily = {
  bareLog: /^(println|print)$/,
  declaredClients: true,
  raises: ({ bare, name, site }) => {
    if (!bare) return false;
    if (/^(require|check|requireNotNull|checkNotNull)$/.test(name)) return site.args.map((a, i) => (i >= 1 && !a.kw ? i : -1)).filter((i) => i >= 0);
    return /^(error|TODO)$/.test(name) && !(name === 'error' && /^(semantics|clearAndSetSemantics)$/.test(site.lambdaOf ?? ''));
  },
  channel: (c, eff) => (c.lname === 'file' ? eff : jvmSocket(c, eff)),
};
