/**
 * Step 3: your DID.
 *
 * A did:ethr DID is an Ethereum address written as a decentralized identifier: did:ethr:<chain id>:<address>. Nobody
 * has to create it: every address already has one, whose DID document lists that address as its controller. The
 * ERC-1056 DIDRegistry only records changes: new owners, delegates and attributes (service endpoints, keys), as
 * events. The resolver (the real `ethr-did-resolver`) replays those events into the document, so resolving costs
 * nothing on-chain and needs no server of ours.
 *
 * Here account #1 (you) adds a service endpoint to its DID, and the document is resolved before and after.
 */
import { DEVNET_CHAIN_ID, didRegistryAbi } from "@convergence/contracts";
import { resolveDid, toDid, writeContractAndWait } from "@convergence/sdk";
import { stringToHex } from "viem";
import { nextStep } from "./lib/nextStep.ts";
import { workshopChain } from "./lib/workshopChain.ts";

const { rpcUrl, deployment, accounts, wallet } = await workshopChain();
const me = accounts[1]!;
const did = toDid({ chainId: DEVNET_CHAIN_ID, address: me.address });
const registry = deployment.contracts.DIDRegistry;
const before = await resolveDid({ did, rpcUrl, registry });
process.stdout.write(
  `Your DID: ${did}\nIts document names ${before.didDocument.verificationMethod?.length ?? 0} verification method(s) and ${before.didDocument.service?.length ?? 0} service(s).\n`,
);

// Attribute names follow the did:ethr spec: did/svc/<type> is a service endpoint. The validity is in seconds.
const { hash } = await writeContractAndWait({
  client: wallet(1),
  contract: "DIDRegistry",
  address: registry,
  abi: didRegistryAbi,
  functionName: "setAttribute",
  args: [me.address, stringToHex("did/svc/AgentService", { size: 32 }), stringToHex("http://127.0.0.1:8080"), 86_400n],
});
const after = await resolveDid({ did, rpcUrl, registry });
process.stdout.write(
  `Added a service endpoint in ${hash}.\nServices now: ${JSON.stringify(after.didDocument.service)}\n`,
);
nextStep({ command: "pnpm workshop 4" });
