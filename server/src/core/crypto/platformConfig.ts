/**
 * Transport security switched off for a whole app by its platform configuration, not by code:
 *  - Android: `android:usesCleartextTraffic="true"` in AndroidManifest.xml, and a network security config
 *    (res/xml/*.xml) whose `<base-config>` or a `<domain-config>` for a non-local domain sets
 *    `cleartextTrafficPermitted="true"`;
 *  - iOS / macOS: App Transport Security exceptions in Info.plist — `NSAllowsArbitraryLoads`,
 *    `NSAllowsArbitraryLoadsInWebContent`, `NSAllowsArbitraryLoadsForMedia` set to true, and
 *    `NSExceptionAllowsInsecureHTTPLoads` / `NSTemporaryExceptionAllowsInsecureHTTPLoads` true for a domain
 *    that is not local.
 * Reported as crypto/cleartext-transport where the setting is written. Read as text (the files are small
 * XML; a parser would add nothing the patterns miss), with XML comments blanked out first. A debug build
 * variant (src/debug/) is not shipped and is not reported, nor are the demo, sample, example and benchmark
 * apps beside the product; test globs apply as to code.
 */
import type { ConfigFile } from '../engine/analyzer';
import { LineIndex } from '../text';
import { SOURCES } from './policy';
import type { Finding } from '../types';
import { PLATFORM_CONFIG_FILE } from '../workspace/files';


const LOCAL_DOMAIN = /^(localhost|127\.\d+\.\d+\.\d+|10\.0\.2\.2|10\.0\.3\.2|\[?::1\]?|[\w.-]+\.local|[\w.-]+\.test|[\w.-]+\.localhost)$/i;
const DEBUG_VARIANT = /(^|\/)src\/debug\//;
/** Apps that are not the product: a demo, a sample, an example, a benchmark (`demo/src/main/res/xml/…`). */
const NOT_PRODUCT = /(^|\/)(demos?|samples?|examples?|benchmarks?)\//i;

/** The text with each XML comment replaced by spaces of the same length (offsets stay valid). */
function withoutComments(text: string): string {
  return text.includes('<!--') ? text.replace(/<!--[\s\S]*?(-->|$)/g, (c) => c.replace(/[^\n]/g, ' ')) : text;
}

interface Hit {
  at: number;
  length: number;
  message: string;
}

export function platformTransportFindings(files: readonly ConfigFile[], isTest: (path: string) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const f of files) {
    if (!PLATFORM_CONFIG_FILE.test(f.path) || DEBUG_VARIANT.test(f.path) || NOT_PRODUCT.test(f.path) || f.text.length > 512 * 1024 || isTest(f.path)) continue;
    const text = withoutComments(f.text);
    const hits = f.path.endsWith('.plist') ? plistHits(text) : f.path.endsWith('AndroidManifest.xml') ? manifestHits(text) : networkConfigHits(text);
    if (!hits.length) continue;
    const lines = new LineIndex(f.text);
    for (const h of hits) {
      out.push({
        ruleId: 'crypto/cleartext-transport',
        severity: 'warning',
        message: `${h.message} Policy: ${SOURCES.transport}.`,
        path: f.path,
        range: { start: lines.positionAt(h.at), end: lines.positionAt(h.at + h.length) },
        data: { cwe: 'CWE-319' },
      });
    }
  }
  return out;
}

function manifestHits(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(/android:usesCleartextTraffic\s*=\s*["']true["']/g)) {
    out.push({
      at: m.index,
      length: m[0].length,
      message:
        'android:usesCleartextTraffic="true" lets every connection of the app use cleartext HTTP: health data and credentials can be read and changed on the network (MDCG 2019-16, IEC 81001-5-1 5.3). Remove it (the default is false from Android 9), or allow cleartext only for a local development host in a network security config of the debug build.',
    });
  }
  return out;
}

function networkConfigHits(text: string): Hit[] {
  if (!/<network-security-config\b/.test(text)) return [];
  const out: Hit[] = [];
  for (const m of text.matchAll(/<base-config\b[^>]*\bcleartextTrafficPermitted\s*=\s*["']true["'][^>]*>/g)) {
    out.push({ at: m.index, length: m[0].length, message: 'The network security config permits cleartext HTTP for every domain (<base-config cleartextTrafficPermitted="true">): health data and credentials can be read and changed on the network (MDCG 2019-16, IEC 81001-5-1 5.3). Permit cleartext only for a local development host, in the debug build.' });
  }
  for (const m of text.matchAll(/<domain-config\b[^>]*\bcleartextTrafficPermitted\s*=\s*["']true["'][^>]*>([\s\S]*?)<\/domain-config>/g)) {
    const domains = [...m[1].matchAll(/<domain\b[^>]*>\s*([^<\s]+)\s*<\/domain>/g)].map((d) => d[1]);
    const remote = domains.filter((d) => !LOCAL_DOMAIN.test(d));
    if (!remote.length) continue;
    const head = m[0].slice(0, m[0].indexOf('>') + 1);
    out.push({ at: m.index, length: head.length, message: `The network security config permits cleartext HTTP to ${remote.slice(0, 3).join(', ')}${remote.length > 3 ? ', …' : ''}: what is sent there can be read and changed on the network (MDCG 2019-16, IEC 81001-5-1 5.3). Use HTTPS for these hosts.` });
  }
  return out;
}

const ATS_GLOBAL = /<key>\s*(NSAllowsArbitraryLoads(?:InWebContent|ForMedia)?)\s*<\/key>\s*<true\s*\/>/g;
const ATS_DOMAIN = /<key>\s*(NS(?:Temporary)?ExceptionAllowsInsecureHTTPLoads)\s*<\/key>\s*<true\s*\/>/g;

function plistHits(text: string): Hit[] {
  if (!/NSAppTransportSecurity/.test(text)) return [];
  const out: Hit[] = [];
  for (const m of text.matchAll(ATS_GLOBAL)) {
    out.push({ at: m.index, length: m[0].length, message: `${m[1]} = true turns App Transport Security off${m[1] === 'NSAllowsArbitraryLoads' ? ' for every connection' : m[1].endsWith('WebContent') ? ' for web views' : ' for media'}: cleartext HTTP and weak TLS are allowed, so health data and credentials can be read and changed on the network (MDCG 2019-16, IEC 81001-5-1 5.3). Remove it; if one server cannot do TLS 1.2, add a narrow NSExceptionDomains entry for it.` });
  }
  for (const m of text.matchAll(ATS_DOMAIN)) {
    const domain = enclosingExceptionDomain(text, m.index);
    if (domain && LOCAL_DOMAIN.test(domain)) continue;
    out.push({ at: m.index, length: m[0].length, message: `${m[1]} = true allows cleartext HTTP to ${domain ?? 'an exception domain'}: what is sent there can be read and changed on the network (MDCG 2019-16, IEC 81001-5-1 5.3). Use HTTPS for this host.` });
  }
  return out;
}

/** The NSExceptionDomains key whose <dict> holds the offset: the last `<key>domain</key><dict>` before it. */
function enclosingExceptionDomain(text: string, at: number): string | undefined {
  const before = text.slice(Math.max(0, at - 4000), at);
  let found: string | undefined;
  for (const m of before.matchAll(/<key>\s*([^<\s]+)\s*<\/key>\s*<dict>/g)) found = m[1];
  return found && found !== 'NSExceptionDomains' && found !== 'NSAppTransportSecurity' ? found : undefined;
}
