/** Go: exported functions are capitalised; errors, panics, http.Error, url.Values, net/http URLs. */
import type { PrivacyFamily } from './types';

export const go: PrivacyFamily = {
  capitalCallsAreFunctions: true,
  raises: ({ bare, name, recv, lname }) =>
    (bare && name === 'panic') ||
    (/^(errors|xerrors|pkgerrors)$/.test(recv) && /^(new|errorf|wrap|wrapf|withmessage|withmessagef)$/.test(lname)) ||
    (recv === 'fmt' && lname === 'errorf') ||
    (recv === 'status' && /^(error|errorf)$/.test(lname)),
  // `u.Query()`: the query of a URL being built; what is set on it goes into the URL.
  channel: ({ lname, bare, site }, eff) => (lname === 'query' && !bare && site.args.length === 0 ? { ...eff, ch: 'query' } : undefined),
  notLog: ({ recv, lname }) => recv === 'log' && /^(new|default|setoutput|setflags|setprefix|writer)$/.test(lname),
  errorSink: ({ recv, lname, apiText }) => (recv === 'http' && lname === 'error' ? { rule: 'to-error', api: apiText(), args: [1] } : undefined),
  urlArgs: ({ recv, lname }, at) => {
    if (recv === 'http' && /^(get|post|head|postform)$/.test(lname)) return { args: at(0) };
    if (recv === 'http' && lname === 'newrequest') return { args: at(1) };
    if (recv === 'http' && lname === 'newrequestwithcontext') return { args: at(2) };
    if (recv === 'url' && lname === 'parse') return { args: at(0) };
    return undefined;
  },
};
