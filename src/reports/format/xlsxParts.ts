/**
 * The small, fixed parts of the report workbook (SpreadsheetML, ECMA-376). Written after the
 * sheets, since they list the sheets and the extent of each one's autoFilter.
 */
import { MAX_DECIMALS } from '../../domain/units.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const RELATIONSHIP_NS =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIP_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Cell style indexes into `cellXfs` below. */
export const STYLE = {
  text: 1,
  header: 2,
  headerToFill: 3,
  toFill: 4,
  date: 5,
  /** Amount with `d` decimals uses `amount + d`, for d in 0..MAX_AMOUNT_DECIMALS. */
  amount: 6,
} as const;

/** One amount style per decimals value a unit may have. */
export const MAX_AMOUNT_DECIMALS = MAX_DECIMALS;

export interface WrittenSheet {
  readonly name: string;
  /** The last row number written, the header being row 1. */
  readonly lastRow: number;
}

export function sheetPath(index: number): string {
  return `xl/worksheets/sheet${index + 1}.xml`;
}

export function contentTypesXml(sheets: readonly WrittenSheet[]): string {
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/${sheetPath(i)}" ContentType="${CONTENT_TYPE}.worksheet+xml"/>`,
    )
    .join('');
  return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.styles+xml"/>${overrides}</Types>`;
}

export function packageRelsXml(): string {
  return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIP_NS}"><Relationship Id="rId1" Type="${RELATIONSHIP_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
}

export function workbookRelsXml(sheets: readonly WrittenSheet[]): string {
  const sheetRels = sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIP_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const stylesRel = `<Relationship Id="rId${sheets.length + 1}" Type="${RELATIONSHIP_NS}/styles" Target="styles.xml"/>`;
  return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIP_NS}">${sheetRels}${stylesRel}</Relationships>`;
}

/** The workbook; `lastColumn` is the letter of the last report column, for the filter ranges. */
export function workbookXml(sheets: readonly WrittenSheet[], lastColumn: string): string {
  const sheetList = sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  // Excel records each sheet's autoFilter range under this hidden name; it repairs files
  // that lack it, so we write it as Excel would.
  const filters = sheets
    .map(
      (s, i) =>
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${s.name}'!$A$1:$${lastColumn}$${s.lastRow}</definedName>`,
    )
    .join('');
  return `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIP_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetList}</sheets><definedNames>${filters}</definedNames></workbook>`;
}

const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';
const TO_FILL_COLOUR = 'FFFFF2CC';

function amountFormats(): { numFmts: string; xfs: string } {
  let numFmts = '';
  let xfs = '';
  for (let d = 0; d <= MAX_AMOUNT_DECIMALS; d++) {
    const code = d === 0 ? '0' : `0.${'0'.repeat(d)}`;
    numFmts += `<numFmt numFmtId="${164 + d}" formatCode="${code}"/>`;
    xfs += `<xf numFmtId="${164 + d}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`;
  }
  return { numFmts, xfs };
}

/**
 * Styles: text cells use the Text format (`@`) so an identifier retyped in Excel stays text;
 * the valueToRedeem column has a fill and is unlocked, marking it as the one to fill in.
 */
export function stylesXml(): string {
  const amounts = amountFormats();
  const dateFmtId = 164 + MAX_AMOUNT_DECIMALS + 1;
  const xfs =
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
    '<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>' +
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyProtection="1"><protection locked="0"/></xf>' +
    `<xf numFmtId="${dateFmtId}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    amounts.xfs;
  const xfCount = STYLE.amount + MAX_AMOUNT_DECIMALS + 1;
  return (
    `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">` +
    `<numFmts count="${MAX_AMOUNT_DECIMALS + 2}">${amounts.numFmts}<numFmt numFmtId="${dateFmtId}" formatCode="yyyy-mm-dd"/></numFmts>` +
    `<fonts count="2"><font>${FONT}</font><font><b/>${FONT}</font></fonts>` +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    `<fill><patternFill patternType="solid"><fgColor rgb="${TO_FILL_COLOUR}"/><bgColor indexed="64"/></patternFill></fill></fills>` +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfCount}">${xfs}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}
