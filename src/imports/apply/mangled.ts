/** Recognising identifiers that a spreadsheet visibly changed when it saved the file. */

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$/i;

/** `1.23457E+17`, `1,23457E+017`: a long numeric id the spreadsheet turned into a number. */
export function looksScientific(text: string): boolean {
  return SCIENTIFIC.test(text);
}

export function isAllDigits(text: string): boolean {
  return /^\d+$/.test(text);
}

/** What an all-digit identifier reads as once a spreadsheet drops its leading zeros. */
export function withoutLeadingZeros(text: string): string {
  return text.replace(/^0+(?=\d)/, '');
}

export function scientificMessage(field: string, value: string): string {
  return `${field} "${value}" is in scientific notation: a spreadsheet turned a long numeric id into a number and lost its digits. Format the ${field} column as Text and paste the ids again from the exported report`;
}

export function leadingZerosMessage(field: string, value: string, existing: string): string {
  return `No participant has ${field} "${value}", but "${existing}" exists: the spreadsheet probably dropped its leading zeros. Format the ${field} column as Text and write "${existing}"`;
}
