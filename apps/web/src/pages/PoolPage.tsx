import { Hex } from "../components/Hex.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { Notice } from "../components/Notice.tsx";
import { SwapChart } from "../components/SwapChart.tsx";
import { usePool } from "../hooks/usePool.ts";

/** `/pool`: the WETH/USDC pool: reserves, price, and the swaps as a chart and a table. */
export function PoolPage() {
  const { data, error } = usePool();
  return (
    <section>
      <h1>Pool</h1>
      <LoadError title="Could not read the pool" error={data ? undefined : error} />
      {data === undefined && !error ? <p className="loading">Reading the pool…</p> : null}
      {data ? (
        <>
          <div className="grid">
            <div className="card" data-testid="pool-reserves">
              <h2>Reserves</h2>
              <dl>
                <dt>USDC</dt>
                <dd>{data.reserves.usdc.toLocaleString(undefined, { maximumFractionDigits: 2 })}</dd>
                <dt>WETH</dt>
                <dd>{data.reserves.weth.toLocaleString(undefined, { maximumFractionDigits: 4 })}</dd>
                <dt>Price</dt>
                <dd>{data.price.toFixed(2)} USDC per WETH</dd>
                <dt>Swaps</dt>
                <dd>{data.swaps.length}</dd>
              </dl>
            </div>
          </div>
          <h2>Swaps</h2>
          {data.swaps.length === 0 ? (
            <Notice title="No swap yet" command={`pnpm agent "swap 100 USDC for WETH" --yes`} />
          ) : (
            <>
              <SwapChart swaps={data.swaps} />
              <table>
                <thead>
                  <tr>
                    <th>Block</th>
                    <th>Side</th>
                    <th>USDC</th>
                    <th>WETH</th>
                    <th>Price</th>
                    <th>Sender</th>
                    <th>Tx</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.swaps]
                    .reverse()
                    .slice(0, 50)
                    .map((swap) => (
                      <tr key={`${swap.transactionHash}-${swap.logIndex}`}>
                        <td>{swap.blockNumber.toString()}</td>
                        <td>{swap.side === "buy" ? "buy WETH" : "sell WETH"}</td>
                        <td>{swap.usdc.toFixed(2)}</td>
                        <td>{swap.weth.toFixed(4)}</td>
                        <td>{swap.price.toFixed(2)}</td>
                        <td>
                          <Hex value={swap.sender} />
                        </td>
                        <td>
                          <Hex value={swap.transactionHash} />
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
