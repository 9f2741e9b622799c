/**
 * Finds the parts of a workbook package: the workbook (from _rels/.rels), its first worksheet
 * and its shared strings (from the workbook and its relationships).
 */
import { attribute, decodeEntities } from './xml.js';

export const ROOT_RELS = '_rels/.rels';
export const DEFAULT_WORKBOOK = 'xl/workbook.xml';

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function tags(xml: string, localName: string): string[] {
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])[^>]*>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => match[0]);
}

function relationships(xml: string): Relationship[] {
  return tags(xml, 'Relationship').map((tag) => ({
    id: attribute(tag, 'Id') ?? '',
    type: attribute(tag, 'Type') ?? '',
    target: attribute(tag, 'Target') ?? '',
  }));
}

/** A relationship target resolved against the folder of the part that holds it. */
function resolve(fromPart: string, target: string): string {
  const segments = target.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The workbook part named by the package's root relationships. */
export function workbookPath(rootRels: string | null): string {
  const office = relationships(rootRels ?? '').find((rel) => rel.type.endsWith('/officeDocument'));
  return office === undefined ? DEFAULT_WORKBOOK : resolve('', office.target);
}

/** The id that a `<sheet>` element gives its relationship (`r:id`, whatever the prefix). */
function relationshipIdOf(sheetTag: string): string | null {
  const match = /\s[A-Za-z_][\w.-]*:id\s*=\s*("([^"]*)"|'([^']*)')/.exec(sheetTag);
  return match === null ? null : decodeEntities(match[2] ?? match[3] ?? '');
}

export interface SheetParts {
  sheetName: string;
  sheet: string;
  sharedStrings: string | null;
}

/** The first worksheet, in the workbook's tab order, and the shared strings; null when none. */
export function firstSheet(
  workbookXml: string,
  relsXml: string,
  workbook: string,
): SheetParts | null {
  const rels = relationships(relsXml);
  const shared = rels.find((rel) => rel.type.endsWith('/sharedStrings'));
  for (const tag of tags(workbookXml, 'sheet')) {
    const rel = rels.find((candidate) => candidate.id === relationshipIdOf(tag));
    // Chart sheets and dialog sheets are tabs too, but hold no rows.
    if (rel === undefined || !rel.type.endsWith('/worksheet')) continue;
    return {
      sheetName: attribute(tag, 'name') ?? '',
      sheet: resolve(workbook, rel.target),
      sharedStrings: shared === undefined ? null : resolve(workbook, shared.target),
    };
  }
  return null;
}
