/**
 * Makes the server's matrix HTML safe for a webview (pure string work, no vscode import): a strict
 * Content-Security-Policy with no scripts at all, script elements removed, and links to workspace files
 * turned into command links that open the file at the line.
 */

/** The CSP of the matrix webview: styles and images only. */
export function matrixCsp(cspSource: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "script-src 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join('; ');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Decodes the few entities an href may carry. */
function unescapeAttr(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A relative link `path/to/file.c`, `path/to/file.c#L42` or `path/to/file.c#42` → { path, line (0-based) };
 * undefined for anything else (absolute URLs, anchors, schemes, parent escapes).
 */
export function parseFileLink(href: string): { path: string; line: number } | undefined {
  if (href === '' || href.startsWith('#') || href.startsWith('/') || href.startsWith('\\') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  const m = /^([^#?]+)(?:#L?(\d+)(?:[-:].*)?)?$/.exec(href);
  if (!m) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
  if (path.split(/[\\/]/).includes('..')) return undefined;
  return { path: path.replace(/^\.\//, ''), line: m[2] ? Math.max(0, Number(m[2]) - 1) : 0 };
}

/**
 * Returns the page with the CSP meta first in <head>, no <script> elements, no inline event handlers, and
 * relative file links rewritten with `link` (which returns the new href, or undefined to leave it).
 */
export function prepareMatrixHtml(html: string, cspSource: string, link?: (target: { path: string; line: number }) => string | undefined): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(matrixCsp(cspSource))}">`;
  let out = html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/?>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  if (link) {
    out = out.replace(/(<a\b[^>]*?\shref\s*=\s*)("([^"]*)"|'([^']*)')/gi, (whole, pre: string, _q: string, dq?: string, sq?: string) => {
      const target = parseFileLink(unescapeAttr(dq ?? sq ?? ''));
      const href = target ? link(target) : undefined;
      return href === undefined ? whole : `${pre}"${escapeAttr(href)}"`;
    });
  }
  if (/<head\b[^>]*>/i.test(out)) return out.replace(/<head\b[^>]*>/i, (h) => `${h}\n${meta}`);
  if (/<html\b[^>]*>/i.test(out)) return out.replace(/<html\b[^>]*>/i, (h) => `${h}\n<head>${meta}</head>`);
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8">${meta}</head><body>\n${out}\n</body></html>`;
}

/** A page with a message (loading, errors), under the same CSP. */
export function messagePage(cspSource: string, title: string, text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return prepareMatrixHtml(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title>` +
      '<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:1em 2em}</style></head>' +
      `<body><h2>${esc(title)}</h2><p>${esc(text)}</p></body></html>`,
    cspSource,
  );
}
