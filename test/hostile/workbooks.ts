/** Workbooks for the hostile-input tests and benchmark: an import header, and zip bombs. */
import { simpleWorkbook } from '../../src/imports/read/xlsx/testWorkbooks.js';
import { IMPORT_HEADER } from './generators.js';
import { buildZip, type BombPart } from './zipBomb.js';

/** Row 1 of a sheet: the import's header as inline strings. */
export function headerRowXml(): string {
  const cells = IMPORT_HEADER.map(
    (name, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${name}</t></is></c>`,
  );
  return `<row r="1">${cells.join('')}</row>`;
}

/**
 * An honest one-record workbook in which `part` carries `fillBytes` spaces (where XML allows
 * them) and claims in the zip directory to unpack to `declaredSize` (its true size if absent).
 */
export async function bombWorkbook(
  part: string,
  fillBytes: number,
  declaredSize?: number,
): Promise<Buffer> {
  const parts = simpleWorkbook(`${headerRowXml()}<row r="2"><c r="A2" t="s"><v>0</v></c></row>`, [
    '<t>acct</t>',
  ]);
  const bombParts: BombPart[] = Object.entries(parts).map(([name, xml]) => {
    if (name !== part) return { name, head: xml };
    // Spaces just inside the root element, where every reader must wade through them.
    const at = xml.indexOf('>', xml.indexOf('?>') + 2) + 1;
    return { name, head: xml.slice(0, at), fillBytes, tail: xml.slice(at), declaredSize };
  });
  if (!bombParts.some((p) => p.name === part)) throw new Error(`no part ${part}`);
  return buildZip(bombParts);
}
