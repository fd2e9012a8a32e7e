/**
 * The one XML writer's escaping, used by the ReqIF export and the CycloneDX XML SBOM. XML 1.0 forbids most
 * control characters (and lone surrogates) even as character references, so a title holding one would make
 * the whole document ill-formed: such characters become U+FFFD, the replacement character.
 */

/** Everything XML 1.0 allows: TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Replaces characters XML 1.0 forbids (for a document serialised by a library that does not). */
export function xmlChars(s: string): string {
  return s.replace(NOT_XML_CHAR, '\uFFFD');
}

/** Text for element content or an attribute value: forbidden characters replaced, markup escaped. */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
