/** Escaping of text placed in SpreadsheetML string cells (`<t>…</t>`). */

// Characters XML 1.0 forbids: controls other than tab, LF and CR, and U+FFFE, U+FFFF. (A lone
// surrogate needs nothing: UTF-8 encoding turns it into U+FFFD, which XML allows.)
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
// `_xHHHH_` is how Excel spells a character code inside a string, so a literal one must have
// its underscore escaped (`_x005F_`) or Excel would show a different character.
const SPECIAL = /[&<>\r]|_x[0-9A-Fa-f]{4}_/g;
// eslint-disable-next-line no-control-regex -- as ILLEGAL
const NEEDS_WORK = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

function replaceSpecial(match: string): string {
  switch (match) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '\r':
      // A raw CR would be normalised to LF by the reader.
      return '&#13;';
    default:
      return `_x005F${match}`;
  }
}

/** The text escaped for XML character data, with characters XML cannot carry removed. */
export function escapeXmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(ILLEGAL, '').replace(SPECIAL, replaceSpecial);
}

function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function hasEdgeSpace(text: string): boolean {
  return (
    text.length > 0 &&
    (isXmlSpace(text.charCodeAt(0)) || isXmlSpace(text.charCodeAt(text.length - 1)))
  );
}

/** An inline-string cell body; leading or trailing spaces need xml:space or Excel trims them. */
export function inlineString(text: string): string {
  const escaped = escapeXmlText(text);
  if (hasEdgeSpace(text) || hasEdgeSpace(escaped)) {
    return `<is><t xml:space="preserve">${escaped}</t></is>`;
  }
  return `<is><t>${escaped}</t></is>`;
}
