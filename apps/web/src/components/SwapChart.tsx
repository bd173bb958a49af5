import type { SwapRow } from "../chain/readPool.ts";

/**
 * The swaps as an SVG chart: each swap's price (USDC per WETH) as a line, its size in USDC as a bar below (buys green,
 * sells red), oldest on the left.
 */
export function SwapChart({
  swaps,
  width = 900,
  height = 260,
}: {
  swaps: readonly SwapRow[];
  width?: number;
  height?: number;
}) {
  if (swaps.length === 0) return null;
  const pad = { left: 64, right: 12, top: 12, bottom: 24 };
  const priceHeight = (height - pad.top - pad.bottom) * 0.65;
  const volumeTop = pad.top + priceHeight + 12;
  const volumeHeight = height - volumeTop - pad.bottom;
  const prices = swaps.map((s) => s.price);
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  const span = high - low || Math.max(high * 0.01, 1);
  const maxVolume = Math.max(...swaps.map((s) => s.usdc)) || 1;
  const step = (width - pad.left - pad.right) / Math.max(swaps.length, 1);
  const x = (i: number) => pad.left + step * (i + 0.5);
  const y = (price: number) => pad.top + priceHeight - ((price - low) / span) * priceHeight;
  const line = swaps.map((s, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(s.price).toFixed(1)}`).join(" ");
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={`Price of ${swaps.length} swaps, from ${low.toFixed(2)} to ${high.toFixed(2)} USDC per WETH`}
      data-testid="swap-chart"
      style={{ background: "#fff", border: "1px solid #dde3ea", borderRadius: 8 }}
    >
      <text x={8} y={pad.top + 10} fontSize="11" fill="#6b7685">
        {high.toFixed(2)}
      </text>
      <text x={8} y={pad.top + priceHeight} fontSize="11" fill="#6b7685">
        {low.toFixed(2)}
      </text>
      <text x={8} y={volumeTop + 10} fontSize="11" fill="#6b7685">
        {maxVolume.toFixed(0)} USDC
      </text>
      <line
        x1={pad.left}
        x2={width - pad.right}
        y1={pad.top + priceHeight}
        y2={pad.top + priceHeight}
        stroke="#edf0f4"
      />
      {swaps.map((s, i) => {
        const h = (s.usdc / maxVolume) * volumeHeight;
        return (
          <rect
            key={`${s.transactionHash}-${s.logIndex}`}
            x={x(i) - Math.max(step * 0.35, 0.5)}
            y={volumeTop + volumeHeight - h}
            width={Math.max(step * 0.7, 1)}
            height={h}
            fill={s.side === "buy" ? "#1f8a4c" : "#c0392b"}
            opacity={0.6}
          />
        );
      })}
      <path d={line} fill="none" stroke="#3a5bd9" strokeWidth={2} />
      <text x={pad.left} y={height - 6} fontSize="11" fill="#6b7685">
        oldest
      </text>
      <text x={width - pad.right} y={height - 6} fontSize="11" fill="#6b7685" textAnchor="end">
        latest
      </text>
    </svg>
  );
}
