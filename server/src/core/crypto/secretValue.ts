/**
 * Is a literal given to a credential-named variable, key or API argument a real-looking secret, or a
 * placeholder, template, label, key name or reference (crypto/hardcoded-secret's value judgement)?
 */
const PLACEHOLDER = new Set([
  'password', 'passwd', 'secret', 'changeme', 'change_me', 'changeit', 'change-me', 'example', 'sample', 'test', 'testing', 'dummy',
  'placeholder', 'your_password', 'yourpassword', 'your-password', 'none', 'null', 'nil', 'undefined', 'todo', 'tbd', 'fixme', 'xxx',
  'redacted', 'hidden', 'foo', 'bar', 'foobar', 'baz', 'default', 'empty', 'secret_key', 'secretkey', 'your_secret', 'yoursecret',
  'your-secret', 'mysecret', 'my_secret', 'mypassword', 'my_password', 'token', 'your_token', 'your_api_key', 'api_key', 'apikey',
  'pass', 'pwd', 'string', 'str', 'value', 'key', 'n/a', 'na', 'tba', 'replace_me', 'replaceme', 'insert', 'required', 'optional',
  // option values of APIs with credential-named options (fetch credentials: 'omit', auth schemes…)
  'omit', 'include', 'same-origin', 'true', 'false', 'basic', 'bearer', 'digest', 'ntlm', 'negotiate', 'kerberos', 'oauth', 'oauth2',
  'anonymous', 'plain', 'login', 'scram-sha-256', 'md5', 'trust', 'peer', 'ident', 'prompt', 'env', 'file', 'keyring', 'vault',
  // a deliberately wrong value sent to see it refused ({ 'api-secret': 'incorrect' })
  'incorrect', 'wrong', 'invalid', 'bad',
]);

/** Is a literal a real-looking secret, not a placeholder, template, label or reference? */
export function looksLikeSecret(v: string, name?: string, keyArg = false): boolean {
  const t = v.trim();
  if (!t) return false;
  if (/^\$\{.*\}$|^\{\{.*\}\}$|^<.*>$|^%\(?\w*\)?[sd]$|^\$[A-Z_][A-Z0-9_]*$|^%[A-Z_]+%$|^\{\w*\}$|^#\{.*\}$|^@\w+@$/.test(t)) return false;
  if (/^(process\.env|os\.environ|env:|vault:|secret:|arn:aws|projects\/[^/]+\/secrets|ENC\(|\$\{)/i.test(t)) return false;
  // A URN names something (a claim type `urn:santedb:org:claim:otpsecret`, an OID): it is no credential.
  if (/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(t)) return false;
  if (/^[A-Z][A-Z0-9_]{2,}$/.test(t)) return false; // ENV_VAR_NAME
  if (/^(.)\1*$/.test(t)) return false; // xxxx, ****
  if (keyArg) return t.length >= 1;
  const lower = t.toLowerCase();
  if (PLACEHOLDER.has(lower)) return false;
  if (/example|placeholder|changeme|change_me|dummy|sample|redacted|your[_-]?(password|secret|token|key)|^your |^my[_-]?(password|secret)$|^<|^\*+$|^x{3,}/i.test(t)) return false;
  if (t.length < 4) return false;
  // A bare `token` holding a plain word is a lexer's or highlighter's token class (`{ regex, token: 'meta' }`,
  // CodeMirror modes), not an issued credential: those are random strings.
  if (name && /^tokens?$/i.test(name) && /^[a-z]{2,12}$/.test(t)) return false;
  // snake_case / dotted identifier: an enum value, a key, a grant type, a keystore alias (`_master_key_strongbox_`)
  if (/^_*[a-z][a-z0-9]*([_.][a-z0-9]+)+_*$/.test(t)) return false;
  if (/^\[.*\]$|^[\w-]+=[\w-]*$/.test(t)) return false; // selector, key=value template
  // A kebab-case name of the thing (an HTTP header `x-tidepool-session-token`, a slug `api-key-field`).
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+){2,}$/.test(t) && /^x-|token|secret|key|auth|session|api|password|credential|header/.test(t)) return false;
  if (/(password|passwd|secret|token|credential)/i.test(t) && /[^A-Za-z0-9]/.test(t) && t.length < 24) return false; // "password_too_weak", "[type=password]
  if (t.split(/\s+/).length >= 3 || /^(enter|type|your|please|confirm|new|old|current|invalid|wrong|incorrect|the|a|an)\s/i.test(t) || (/\s/.test(t) && /[.?!:]$/.test(t))) return false;
  if (/^[a-z]+(\.[a-z_]+)+$/.test(t)) return false; // i18n key, property name
  if (/^[a-z][a-z0-9]*(\.[a-z][A-Za-z0-9_-]*)+$/.test(t) && /[A-Z]/.test(t)) return false; // a configuration key: security.passwordMinLength
  // A configuration key whose last segment names the secret (`skebby-gateway-service.password`, `sms.accessToken`).
  if (/^[a-z][a-z0-9_-]*(\.[a-z][A-Za-z0-9_-]*)+$/i.test(t) && /(password|passwd|secret|token|key|credential|pwd)$/i.test(t)) return false;
  // The name of an HTTP header that carries the credential (`AUTH_TOKEN = "Authorization"`, `"X-Api-Key"`).
  if (/^((proxy-)?authorization|(set-)?cookie|x(-[a-z0-9]+)+)$/i.test(t)) return false;
  if (/^(https?:)?\/\//.test(t) || /^\.{0,2}\//.test(t) || /\.(pem|key|p12|pfx|jks|json|txt|crt|cer)$/i.test(t)) return false; // a path or URL to the secret
  if (name) {
    const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const val = lower.replace(/[^a-z0-9]/g, '');
    if (val === n || n.includes(val) || (val.length >= 6 && val.includes(n))) return false;
  }
  return true;
}
