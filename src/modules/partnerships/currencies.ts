// ISO 4217 "list one" (the codes in use), with each currency's minor unit: the number of decimals
// an amount may have. Taken from the ISO 4217 maintenance agency's list as of 2025 (the IATI
// Currency codelist replicates the same standard, but its copy still carries withdrawn codes such
// as EEK and HRK). Funds codes are kept (BOV, CLF, ...); precious metals, XDR and test codes are
// left out: no agreement budgets in them. See docs/decisions/0016.

const threeDecimals = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const fourDecimals = ['CLF', 'UYW'];
// prettier-ignore
const noDecimals = [
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV',
  'XAF', 'XOF', 'XPF',
];
// prettier-ignore
const twoDecimals = [
  'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN', 'BMD',
  'BND', 'BOB', 'BOV', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHE', 'CHF', 'CHW',
  'CNY', 'COP', 'COU', 'CRC', 'CUP', 'CVE', 'CZK', 'DKK', 'DOP', 'DZD', 'EGP', 'ERN', 'ETB', 'EUR',
  'FJD', 'FKP', 'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR',
  'ILS', 'INR', 'IRR', 'JMD', 'KES', 'KGS', 'KHR', 'KPW', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD',
  'LSL', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MXV',
  'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN',
  'QAR', 'RON', 'RSD', 'RUB', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP', 'SLE', 'SOS', 'SRD',
  'SSP', 'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS', 'TMT', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH',
  'USD', 'USN', 'UYU', 'UZS', 'VED', 'VES', 'WST', 'XCD', 'XCG', 'YER', 'ZAR', 'ZMW', 'ZWG',
];

/** Decimals of each currency in use, by ISO 4217 code. */
export const minorUnits: ReadonlyMap<string, number> = new Map([
  ...noDecimals.map((code) => [code, 0] as const),
  ...twoDecimals.map((code) => [code, 2] as const),
  ...threeDecimals.map((code) => [code, 3] as const),
  ...fourDecimals.map((code) => [code, 4] as const),
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
