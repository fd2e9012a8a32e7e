/** Python: `print`, `open(path, "w")`; a bare `writeFile` or a one-argument `.url(…)` is not Node's or a builder. */
import type { PrivacyFamily } from './types';

export const py: PrivacyFamily = {
  bareLog: /^(print|pprint)$/,
  channel: ({ lname, bare, site }, eff) => {
    if (lname !== 'open' || !bare) return undefined;
    const mode = site.args.find((a, i) => (i === 1 && !a.kw) || a.kw === 'mode');
    return mode?.str !== undefined && /[wax+]/.test(mode.str) ? { ...eff, ch: 'file', chDetail: 'file' } : eff;
  },
  noBareWriteFile: true,
  noUrlBuilderCall: true,
};
