/** Rust (macros read as calls): `println!`, `log` / `tracing` macros, `panic!` / `bail!` / `ensure!`. */
import type { PrivacyFamily } from './types';

export const rust: PrivacyFamily = {
  sink: ({ bare, name, site, apiText }) => {
    if (!bare) return undefined;
    if (/^(println|print|eprintln|eprint|dbg|info|warn|error|debug|trace)$/.test(name)) return { rule: 'to-log', api: `${apiText()}!`, args: 'all', out: name === 'println' || name === 'print' };
    if (/^(panic|bail|anyhow|unreachable|todo|unimplemented)$/.test(name)) return { rule: 'to-error', api: `${apiText()}!`, args: 'all' };
    if (name === 'ensure') return { rule: 'to-error', api: `${apiText()}!`, args: site.args.map((_, i) => i).filter((i) => i >= 1) };
    return undefined;
  },
};
