/** Swift: `print` / `debugPrint` / `dump` / `os_log`; `fetch(request)` is Core Data, not HTTP. */
import type { PrivacyFamily } from './types';

export const swift: PrivacyFamily = {
  bareLog: /^(print|debugPrint|dump|os_log)$/,
  noBareHttp: true,
};
