/** Hand-built workbooks for the XLSX reader's tests: every part written out, nothing implied. */
import { strToU8, Zip, ZipDeflate, zipSync, type Zippable } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const ROOT_RELS_XML = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

export function workbookXml(sheets: { name: string; id: string }[]): string {
  const tags = sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="${s.id}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${tags}</sheets></workbook>`;
}

export function relsXml(rels: { id: string; type: string; target: string }[]): string {
  const tags = rels
    .map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">${tags}</Relationships>`;
}

export function sheetXml(rowsXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rowsXml}</sheetData></worksheet>`;
}

export function sharedStringsXml(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${items.length}">${items.map((i) => `<si>${i}</si>`).join('')}</sst>`;
}

/** A workbook of one sheet given as the XML of its rows, with shared strings if any. */
export function simpleWorkbook(rowsXml: string, shared: string[] = []): Record<string, string> {
  const rels = [{ id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' }];
  if (shared.length > 0)
    rels.push({ id: 'rId2', type: 'sharedStrings', target: 'sharedStrings.xml' });
  return {
    '_rels/.rels': ROOT_RELS_XML,
    'xl/workbook.xml': workbookXml([{ name: 'Balances', id: 'rId1' }]),
    'xl/_rels/workbook.xml.rels': relsXml(rels),
    'xl/worksheets/sheet1.xml': sheetXml(rowsXml),
    ...(shared.length > 0 ? { 'xl/sharedStrings.xml': sharedStringsXml(shared) } : {}),
  };
}

/** Zips the parts, in the order given, with sizes in the local headers. */
export function zipParts(parts: Record<string, string | Uint8Array>, level: 0 | 6 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(parts)) {
    files[name] = [typeof content === 'string' ? strToU8(content) : content, { level }];
  }
  return zipSync(files);
}

/** Zips the parts as a streaming writer does: sizes only in data descriptors after the data. */
export function zipStreaming(parts: Record<string, string>): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  for (const [name, content] of Object.entries(parts)) {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(strToU8(content), true);
  }
  zip.end();
  return Buffer.concat(out);
}

interface DirectoryEntry {
  at: number;
  name: string;
  length: number;
}

function directory(zip: Uint8Array): { view: DataView; entries: DirectoryEntry[]; start: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22; // the writers here add no comment
  const count = view.getUint16(end + 10, true);
  const start = view.getUint32(end + 16, true);
  const entries: DirectoryEntry[] = [];
  for (let i = 0, p = start; i < count; i++) {
    const nameLength = view.getUint16(p + 28, true);
    const length = 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    entries.push({
      at: p,
      name: Buffer.from(zip.subarray(p + 46, p + 46 + nameLength)).toString(),
      length,
    });
    p += length;
  }
  return { view, entries, start };
}

/** A copy of the zip whose directory claims another unpacked size for one part. */
export function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = zip.slice();
  const { view, entries } = directory(copy);
  const entry = entries.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no ${name} in the zip`);
  view.setUint32(entry.at + 24, size, true);
  return copy;
}

/** The same zip in zip64 form: sizes and offsets in zip64 fields, and a zip64 end record. */
export function toZip64(zip: Uint8Array): Uint8Array {
  const { view, entries, start } = directory(zip);
  const parts: Uint8Array[] = [zip.subarray(0, start)];
  let directoryLength = 0;
  for (const entry of entries) {
    const nameLength = view.getUint16(entry.at + 28, true);
    const head = zip.slice(entry.at, entry.at + 46 + nameLength);
    const h = new DataView(head.buffer);
    const extra = new DataView(new ArrayBuffer(28));
    extra.setUint16(0, 1, true);
    extra.setUint16(2, 24, true);
    extra.setBigUint64(4, BigInt(h.getUint32(24, true)), true);
    extra.setBigUint64(12, BigInt(h.getUint32(20, true)), true);
    extra.setBigUint64(20, BigInt(h.getUint32(42, true)), true);
    for (const field of [20, 24, 42]) h.setUint32(field, 0xffffffff, true);
    h.setUint16(30, 28, true);
    h.setUint16(32, 0, true);
    parts.push(head, new Uint8Array(extra.buffer));
    directoryLength += head.length + 28;
  }
  const end64 = new DataView(new ArrayBuffer(56));
  end64.setUint32(0, 0x06064b50, true);
  end64.setBigUint64(4, 44n, true);
  end64.setUint16(12, 45, true);
  end64.setUint16(14, 45, true);
  end64.setBigUint64(24, BigInt(entries.length), true);
  end64.setBigUint64(32, BigInt(entries.length), true);
  end64.setBigUint64(40, BigInt(directoryLength), true);
  end64.setBigUint64(48, BigInt(start), true);
  const locator = new DataView(new ArrayBuffer(20));
  locator.setUint32(0, 0x07064b50, true);
  locator.setBigUint64(8, BigInt(start + directoryLength), true);
  locator.setUint32(16, 1, true);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 0xffff, true);
  end.setUint16(10, 0xffff, true);
  end.setUint32(12, 0xffffffff, true);
  end.setUint32(16, 0xffffffff, true);
  for (const record of [end64, locator, end]) parts.push(new Uint8Array(record.buffer));
  return Buffer.concat(parts);
}
