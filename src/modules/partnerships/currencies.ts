import cc from 'currency-codes';

// ISO 4217 "list one" from the currency-codes package (the maintenance agency's list, published
// 2024-06-25), with each currency's minor unit: the number of decimals an amount may have. See
// docs/decisions/0016.
//
// A budget is in money one can pay with, so these are left out: the codes ISO gives no minor unit
// ("N.A.": precious metals, bond market units, SDR, SUCRE, the ADB unit of account), which the
// package reads as 0, and the testing and no-currency codes XTS and XXX. Funds codes with a minor
// unit (BOV, CLF, USN ...) stay.
const notMoney = new Set([
  ...['XAG', 'XAU', 'XPD', 'XPT'],
  ...['XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA'],
  ...['XTS', 'XXX'],
]);

// The Caribbean guilder came into use on 31 March 2025, after the package's list was published.
const newerThanThePackage = [['XCG', 2]] as const;

/** Decimals of each currency in use, by ISO 4217 code. */
export const minorUnits: ReadonlyMap<string, number> = new Map([
  ...cc.data.filter((currency) => !notMoney.has(currency.code)).map((c) => [c.code, c.digits] as const),
  ...newerThanThePackage,
]);

export const currencyCodes = [...minorUnits.keys()].sort();

/**
 * "1250.5" in a currency with two decimals is 125050 minor units. Strings only, never floats, so
 * no amount is rounded on the way in; null when the amount has more decimals than the currency.
 */
export function toMinorUnits(amount: string, currency: string): number | null {
  const decimals = minorUnits.get(currency);
  if (decimals === undefined) return null;
  const [whole = '0', fraction = ''] = amount.split('.');
  if (fraction.length > decimals) return null;
  const minor = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(minor);
}

/** 125050 minor units of a two-decimal currency read back as "1250.50". */
export function fromMinorUnits(minor: number, currency: string): string {
  const decimals = minorUnits.get(currency) ?? 2;
  if (decimals === 0) return String(minor);
  const digits = String(minor).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
