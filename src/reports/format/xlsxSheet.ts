/**
 * The XML of one report worksheet, built as strings piece by piece so a sheet of a million rows
 * streams through without being held. Text goes in inline strings (`t="inlineStr"`): no shared
 * string table to keep in memory, and identifiers such as `000123` stay text.
 */
import { formatAmount } from '../../domain/amounts.js';
import { type BalanceReportRow, REPORT_COLUMNS } from './columns.js';
import { neutralise } from './neutralise.js';
import { inlineString } from './xml.js';
import {
  MAIN_NS,
  MAX_AMOUNT_DECIMALS,
  RELATIONSHIP_NS,
  STYLE,
  XML_DECLARATION,
} from './xlsxParts.js';

/** Column letters A..N, in REPORT_COLUMNS order. */
const LETTERS = REPORT_COLUMNS.map((_, i) => String.fromCharCode(65 + i));
export const LAST_COLUMN = LETTERS[LETTERS.length - 1] ?? 'N';

const WIDTHS: Record<(typeof REPORT_COLUMNS)[number], number> = {
  firstName: 14,
  lastName: 16,
  email: 30,
  userId: 22,
  accountId: 22,
  programId: 18,
  unit: 12,
  unitName: 14,
  currency: 10,
  availableValue: 16,
  totalRedeemedValue: 20,
  rewardCount: 13,
  nextExpiry: 12,
  valueToRedeem: 16,
};

const COLS = REPORT_COLUMNS.map(
  (name, i) => `<col min="${i + 1}" max="${i + 1}" width="${WIDTHS[name]}" customWidth="1"/>`,
).join('');

// The header row stays in view while scrolling (frozen pane below row 1).
const VIEWS_SELECTED =
  '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';
const VIEWS = VIEWS_SELECTED.replace(' tabSelected="1"', '');

const HEADER_ROW = `<row r="1">${REPORT_COLUMNS.map(
  (name, i) =>
    `<c r="${LETTERS[i]}1" t="inlineStr" s="${name === 'valueToRedeem' ? STYLE.headerToFill : STYLE.header}">${inlineString(name)}</c>`,
).join('')}</row>`;

/** Everything before the first data row, header row included. */
export function sheetStart(selected: boolean): string {
  return `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIP_NS}">${selected ? VIEWS_SELECTED : VIEWS}<sheetFormatPr defaultRowHeight="15"/><cols>${COLS}</cols><sheetData>${HEADER_ROW}`;
}

const PROMPT =
  "Enter the amount paid out elsewhere, in this row's unit (for example 10.50). Leave it empty for no change.";

/** Everything after the last data row: the autoFilter and the valueToRedeem input prompt. */
export function sheetEnd(lastRow: number): string {
  const toFill = `${LAST_COLUMN}2:${LAST_COLUMN}${Math.max(lastRow, 2)}`;
  return `</sheetData><autoFilter ref="A1:${LAST_COLUMN}${lastRow}"/><dataValidations count="1"><dataValidation allowBlank="1" showInputMessage="1" promptTitle="valueToRedeem" prompt="${PROMPT}" sqref="${toFill}"/></dataValidations></worksheet>`;
}

function textCell(letter: string, r: number, value: string | null): string {
  if (value === null || value.length === 0) return '';
  return `<c r="${letter}${r}" t="inlineStr" s="${STYLE.text}">${inlineString(neutralise(value))}</c>`;
}

const DAY_MS = 86_400_000;
/** Excel's serial day number of 1970-01-01 (serials count days from 1899-12-30). */
const EPOCH_SERIAL = 25_569;

function amountStyle(decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_AMOUNT_DECIMALS) {
    throw new RangeError(`a unit has 0 to ${MAX_AMOUNT_DECIMALS} decimals, not ${decimals}`);
  }
  return STYLE.amount + decimals;
}

/**
 * One data row. Amounts are number cells whose format shows exactly the unit's decimals (the
 * value is written as its exact decimal text); nextExpiry is a date cell shown as yyyy-mm-dd,
 * for the UTC day of the expiry.
 */
export function dataRow(row: BalanceReportRow, r: number): string {
  const s = amountStyle(row.decimals);
  const expiry =
    row.nextExpiry === null
      ? ''
      : `<c r="M${r}" s="${STYLE.date}"><v>${Math.floor(row.nextExpiry / DAY_MS) + EPOCH_SERIAL}</v></c>`;
  return (
    `<row r="${r}">` +
    textCell('A', r, row.firstName) +
    textCell('B', r, row.lastName) +
    textCell('C', r, row.email) +
    textCell('D', r, row.userId) +
    textCell('E', r, row.accountId) +
    textCell('F', r, row.programId) +
    textCell('G', r, row.unit) +
    textCell('H', r, row.unitName) +
    textCell('I', r, row.currency) +
    `<c r="J${r}" s="${s}"><v>${formatAmount(row.available, row.decimals)}</v></c>` +
    `<c r="K${r}" s="${s}"><v>${formatAmount(row.totalRedeemed, row.decimals)}</v></c>` +
    `<c r="L${r}" s="${STYLE.amount}"><v>${row.rewardCount}</v></c>` +
    expiry +
    `<c r="N${r}" s="${STYLE.toFill}"/></row>`
  );
}
