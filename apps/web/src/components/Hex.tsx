import { shortHex } from "../format/shortHex.ts";

/** An address or hash, shortened, with the full value as its title (and for copying). */
export function Hex({ value }: { value: string | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="mono" title={value}>
      {shortHex(value)}
    </span>
  );
}
