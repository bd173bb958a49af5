/** An address or hash shortened for a table cell: 0x1234…abcd (the full value stays in the title). */
export function shortHex(value: string): string {
  return value.length > 14 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}
