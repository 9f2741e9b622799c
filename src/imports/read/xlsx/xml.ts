/**
 * The little XML a sheet reader needs: entity decoding, attribute values and the text of
 * string runs. Sheets are machine-written, so this is a scanner, not a validating parser.
 */

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Excel's escape for characters XML cannot hold, such as `_x000D_` for a carriage return. */
const EXCEL_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

function codePoint(text: string, base: number): string {
  const code = parseInt(text, base);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** Decodes entities (`&amp;`, `&#233;`, `&#xE9;`…). */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (_match, decimal?: string, hex?: string, name?: string) =>
    decimal !== undefined
      ? codePoint(decimal, 10)
      : hex !== undefined
        ? codePoint(hex, 16)
        : (NAMED[name ?? ''] ?? ''),
  );
}

/** Decodes the text of a string cell: entities, then Excel's `_xHHHH_` escapes. */
export function decodeCellText(text: string): string {
  const decoded = decodeEntities(text);
  if (decoded.indexOf('_x') < 0) return decoded;
  return decoded.replace(EXCEL_ESCAPE, (_match, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Whether the character can follow an element's name in a tag: space, `>` or `/`. */
export function isNameEnd(code: number): boolean {
  return isSpace(code) || code === 62 /* > */ || code === 47; /* / */
}

/** The value of an attribute in a start tag's text (`<c r="A1" t="s"`), or null. */
export function attribute(tag: string, name: string): string | null {
  let at = tag.indexOf(name, 1);
  while (at > 0) {
    const equals = at + name.length;
    if (isSpace(tag.charCodeAt(at - 1)) && tag.charCodeAt(equals) === 61 /* = */) {
      const quote = tag[equals + 1];
      if (quote === '"' || quote === "'") {
        const end = tag.indexOf(quote, equals + 2);
        if (end > 0) return decodeEntities(tag.slice(equals + 2, end));
      }
    }
    at = tag.indexOf(name, at + 1);
  }
  return null;
}

const RUN_TAG = /<(\/?)(?:[A-Za-z_][\w.-]*:)?(t|rPh)(?=[\s/>])[^>]*>/g;

/**
 * The text of a string item (`<si>` or `<is>` content): its `<t>` elements joined, rich-text
 * runs included, phonetic guides (`<rPh>`) left out. Whitespace is kept whatever `xml:space`
 * says, as spreadsheet programs do.
 */
export function runText(xml: string): string {
  const open = xml.indexOf('<t');
  // One plain <t> element: by far the most common shape, read without a regular expression.
  if (
    open >= 0 &&
    xml.indexOf('<t', open + 2) < 0 &&
    xml.indexOf(':t') < 0 &&
    xml.indexOf('<rPh') < 0
  ) {
    const gt = xml.indexOf('>', open);
    if (gt < 0 || xml.charCodeAt(gt - 1) === 47 /* <t/> */) return '';
    const close = xml.indexOf('</t>', gt);
    return decodeCellText(xml.slice(gt + 1, close < 0 ? xml.length : close));
  }
  let text = '';
  let phonetic = 0;
  let start = -1;
  for (const match of xml.matchAll(RUN_TAG)) {
    const closing = match[1] === '/';
    const selfClosing = match[0].endsWith('/>');
    if (match[2] === 'rPh') {
      if (!selfClosing) phonetic += closing ? -1 : 1;
    } else if (closing) {
      if (start >= 0 && phonetic === 0) text += xml.slice(start, match.index);
      start = -1;
    } else if (!selfClosing) {
      start = match.index + match[0].length;
    }
  }
  return decodeCellText(text);
}

const INLINE_START = '<is><t';
const INLINE_END = '</t></is>';

/** The text of an inline string cell, whose content is text[from, to). */
export function inlineStringText(text: string, from: number, to: number): string {
  // The usual shape, <is><t>text</t></is>, is read in place; anything richer is parsed.
  if (
    text.startsWith(INLINE_START, from) &&
    isNameEnd(text.charCodeAt(from + INLINE_START.length))
  ) {
    const gt = text.indexOf('>', from + INLINE_START.length);
    const lt = text.indexOf('<', gt);
    if (
      lt + INLINE_END.length === to &&
      text.startsWith(INLINE_END, lt) &&
      text.charCodeAt(gt - 1) !== 47
    ) {
      return decodeCellText(text.slice(gt + 1, lt));
    }
  }
  return runText(text.slice(from, to));
}
