import { type DIDDocument, type DIDResolutionResult, Resolver } from "did-resolver";
import { getResolver } from "ethr-did-resolver";
import type { Address } from "viem";
import { DidResolutionError } from "../errors/did.ts";
import { parseDid } from "./parseDid.ts";

export type ResolveDidParameters = {
  did: string;
  rpcUrl: string;
  /** The ERC-1056 DIDRegistry on that chain. */
  registry: Address;
};

export type ResolveDidReturnType = {
  didDocument: DIDDocument;
  didDocumentMetadata: DIDResolutionResult["didDocumentMetadata"];
};

/**
 * Resolves a did:ethr DID to its W3C DID document with the standard `ethr-did-resolver`, reading the
 * ERC-1056 registry over JSON-RPC: delegates become verification methods and `did/svc/*` attributes
 * become services.
 *
 * @example
 * const { didDocument } = await resolveDid({ did, rpcUrl: "http://127.0.0.1:8545", registry });
 */
export async function resolveDid({ did, rpcUrl, registry }: ResolveDidParameters): Promise<ResolveDidReturnType> {
  const { chainId } = parseDid({ did });
  const resolver = new Resolver(
    getResolver({ networks: [{ name: `0x${chainId.toString(16)}`, chainId, rpcUrl, registry }] }),
    { cache: false },
  );
  const result = await resolver.resolve(did);
  if (!result.didDocument || result.didResolutionMetadata.error) {
    throw new DidResolutionError({
      did,
      error: result.didResolutionMetadata.error ?? "no document",
      message: result.didResolutionMetadata.message as string | undefined,
    });
  }
  return { didDocument: result.didDocument, didDocumentMetadata: result.didDocumentMetadata };
}
