/**
 * Formula neutralising. A spreadsheet runs a text cell starting with `=`, `+`, `-`, `@`, tab or
 * carriage return as a formula, so the report writes such text with a leading `'` (the seed
 * system's convention, which spreadsheets keep as visible text) and the importer strips it.
 *
 * Text that already starts with `'` followed by a formula character also gets one more `'`:
 * otherwise the importer could not tell the user's own `'=x` from our neutralised `=x`, and
 * restoring would not give back what was exported.
 */

const QUOTE = 0x27; // '

/** True for the characters that make a spreadsheet read a cell as a formula. */
function isFormulaStart(code: number): boolean {
  return (
    code === 0x3d || // =
    code === 0x2b || // +
    code === 0x2d || // -
    code === 0x40 || // @
    code === 0x09 || // tab
    code === 0x0d // carriage return
  );
}

/** Index of the first character after the leading run of `'`. */
function afterQuotes(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === QUOTE) i++;
  return i;
}

/** The text as written to a report cell: never starts with a formula character. */
export function neutralise(text: string): string {
  if (text.length === 0) return text;
  const first = text.charCodeAt(0);
  if (isFormulaStart(first)) return `'${text}`;
  if (first !== QUOTE) return text;
  const i = afterQuotes(text);
  return i < text.length && isFormulaStart(text.charCodeAt(i)) ? `'${text}` : text;
}

/** The inverse of `neutralise`, for text read back from a report cell. */
export function restoreNeutralised(text: string): string {
  if (text.length < 2 || text.charCodeAt(0) !== QUOTE) return text;
  const i = afterQuotes(text);
  return i < text.length && isFormulaStart(text.charCodeAt(i)) ? text.slice(1) : text;
}
