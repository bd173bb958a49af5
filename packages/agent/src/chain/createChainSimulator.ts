import { agentRegistryAbi, poolAbi, usdcAbi, wethAbi } from "@convergence/contracts";
import { decodeRevert, type ReadClient } from "@convergence/sdk";
import { type Address, erc20Abi, toHex } from "viem";
import type { TokenSymbol } from "../intent/types.ts";
import type { GuardedCall, SimulationResult } from "../policy/createPolicyGuard.ts";
import { toBaseUnits } from "./toBaseUnits.ts";
import { poolToken, type StackAddresses } from "./tokenAddresses.ts";

export type CreateChainSimulatorParameters = {
  client: ReadClient;
  account: Address;
  contracts: StackAddresses;
  /** Builds the registration URI the same way the send will (see createSdkActions). */
  agentURI: (parameters: { name: string; serviceUrl?: string }) => string;
};

const units = (amount: unknown, symbol: TokenSymbol) => toBaseUnits({ amount: String(amount), symbol });
const asSymbol = (value: unknown) => value as TokenSymbol;

/**
 * The policy's simulation step on a real chain: each send is run with eth_call (viem simulateContract /
 * estimateGas) from the agent's account against current state, so a revert is caught, with its custom
 * error, before anything is signed. A swap whose allowance is not set yet cannot be simulated in one
 * call: its balance and the pool's quote are checked and the approval is simulated; the SDK simulates
 * the swap itself again right before sending it.
 *
 * @example
 * const simulate = createChainSimulator({ client, account, contracts, agentURI });
 * await simulate({ name: "wrap_eth", args: { amount: "1" } }); // { ok: true }
 */
export function createChainSimulator({ client, account, contracts, agentURI }: CreateChainSimulatorParameters) {
  return async (call: GuardedCall): Promise<SimulationResult> => {
    try {
      switch (call.name) {
        case "transfer_tokens": {
          const symbol = asSymbol(call.args.token);
          const to = call.recipient;
          if (!to) return { ok: false, reason: "the recipient was not resolved to an address" };
          const amount = units(call.args.amount, symbol);
          if (symbol === "ETH") {
            const gas = await client.estimateGas({ account, to, value: amount });
            return { ok: true, gas };
          }
          const address = symbol === "USDC" ? contracts.USDC : contracts.WETH;
          await client.simulateContract({
            account,
            address,
            abi: [...erc20Abi, ...usdcAbi],
            functionName: "transfer",
            args: [to, amount],
          });
          return { ok: true };
        }
        case "wrap_eth":
          await client.simulateContract({
            account,
            address: contracts.WETH,
            abi: wethAbi,
            functionName: "deposit",
            value: units(call.args.amount, "ETH"),
          });
          return { ok: true };
        case "unwrap_eth":
          await client.simulateContract({
            account,
            address: contracts.WETH,
            abi: wethAbi,
            functionName: "withdraw",
            args: [units(call.args.amount, "WETH")],
          });
          return { ok: true };
        case "swap_tokens": {
          const tokenIn = asSymbol(call.args.tokenIn);
          const amountIn = units(call.args.amountIn, tokenIn);
          const held =
            tokenIn === "ETH"
              ? await client.getBalance({ address: account })
              : await client.readContract({
                  address: poolToken({ symbol: tokenIn, contracts }),
                  abi: erc20Abi,
                  functionName: "balanceOf",
                  args: [account],
                });
          if (held < amountIn) {
            return {
              ok: false,
              reason: `the account holds ${held} base units of ${tokenIn}, less than the ${amountIn} the swap needs`,
            };
          }
          const address = poolToken({ symbol: tokenIn, contracts });
          const quoted = await client.readContract({
            address: contracts.Pool,
            abi: poolAbi,
            functionName: "getAmountOut",
            args: [address, amountIn],
          });
          if (quoted === 0n) return { ok: false, reason: "the pool would return nothing for this amount" };
          if (tokenIn === "ETH") return { ok: true };
          const allowance = await client.readContract({
            address,
            abi: erc20Abi,
            functionName: "allowance",
            args: [account, contracts.Pool],
          });
          if (allowance < amountIn) {
            await client.simulateContract({
              account,
              address,
              abi: erc20Abi,
              functionName: "approve",
              args: [contracts.Pool, amountIn],
            });
            return { ok: true };
          }
          const block = await client.getBlock();
          const bps = typeof call.args.maxSlippageBps === "number" ? call.args.maxSlippageBps : 50;
          await client.simulateContract({
            account,
            address: contracts.Pool,
            abi: poolAbi,
            functionName: "swapExactIn",
            args: [address, amountIn, (quoted * BigInt(10_000 - bps)) / 10_000n, account, block.timestamp + 300n],
          });
          return { ok: true };
        }
        case "register_agent":
          await client.simulateContract({
            account,
            address: contracts.AgentRegistry,
            abi: agentRegistryAbi,
            functionName: "register",
            args: [
              agentURI({
                name: String(call.args.name),
                ...(call.args.serviceUrl ? { serviceUrl: String(call.args.serviceUrl) } : {}),
              }),
              [{ metadataKey: "did", metadataValue: toHex("did") }],
            ],
          });
          return { ok: true };
        case "request_verified_inference": {
          // The job is opened with a permit signed at send time, so the transaction cannot be run ahead;
          // what can fail before the proof is checked here: the escrow exists and the USDC is there.
          if (!contracts.InferenceEscrow) return { ok: false, reason: "this deployment has no InferenceEscrow" };
          const amount = units(call.args.maxPayment, "USDC");
          const held = await client.readContract({
            address: contracts.USDC,
            abi: erc20Abi,
            functionName: "balanceOf",
            args: [account],
          });
          if (held < amount) {
            return {
              ok: false,
              reason: `the account holds ${held} base units of USDC, less than the ${amount} the inference job escrows`,
            };
          }
          return { ok: true };
        }
        case "get_quick_inference": {
          // The payment is an EIP-3009 authorization signed at send time and broadcast by the facilitator, so it
          // cannot be run ahead; what can fail is checked here: the USDC is there.
          const amount = units(call.args.price ?? call.args.maxPayment, "USDC");
          const held = await client.readContract({
            address: contracts.USDC,
            abi: erc20Abi,
            functionName: "balanceOf",
            args: [account],
          });
          if (held < amount) {
            return {
              ok: false,
              reason: `the account holds ${held} base units of USDC, less than the ${amount} the worker asks for this answer`,
            };
          }
          return { ok: true };
        }
        default:
          return { ok: false, reason: `there is no simulation for ${call.name} yet, so it is not sent` };
      }
    } catch (error) {
      return { ok: false, reason: decodeRevert(error).summary };
    }
  };
}
