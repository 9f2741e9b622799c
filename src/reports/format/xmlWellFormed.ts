/**
 * A light XML well-formedness check for the writers' tests: balanced tags, quoted attributes,
 * only known entities, no characters XML 1.0 forbids. Returns the problems found.
 */

const TOKEN = /<\?[^?]*\?>|<\/?[^>]*>|[^<]+/g;
const NAME = '[A-Za-z_][\\w.:-]*';
const OPEN_TAG = new RegExp(`^<(${NAME})((?:\\s+${NAME}="[^"<]*")*)\\s*(/?)>$`);
const CLOSE_TAG = new RegExp(`^</(${NAME})\\s*>$`);
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ILLEGAL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (ILLEGAL_CHAR.test(xml)) problems.push('contains a character XML 1.0 forbids');
  const open: string[] = [];
  let roots = 0;
  for (const [token] of xml.matchAll(TOKEN)) {
    if (token.startsWith('<?')) continue;
    if (token.startsWith('</')) {
      const name = CLOSE_TAG.exec(token)?.[1];
      const expected = open.pop();
      if (name !== expected) problems.push(`${token} closes <${expected ?? 'nothing'}>`);
    } else if (token.startsWith('<')) {
      const match = OPEN_TAG.exec(token);
      if (!match?.[1]) {
        problems.push(`malformed tag ${token.slice(0, 80)}`);
        continue;
      }
      if (BAD_AMPERSAND.test(match[2] ?? '')) problems.push(`bad & in ${token.slice(0, 80)}`);
      if (open.length === 0) roots++;
      if (match[3] !== '/') open.push(match[1]);
    } else {
      if (open.length === 0 && token.trim() !== '') problems.push('text outside the root element');
      if (BAD_AMPERSAND.test(token)) problems.push(`bad & in text ${token.slice(0, 80)}`);
      if (token.includes('>') && token.includes(']]>')) problems.push(']]> in text');
    }
  }
  if (open.length > 0) problems.push(`unclosed <${open.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
