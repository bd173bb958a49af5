import { BaseError } from "./base.ts";

export class InvalidDidError extends BaseError {
  override name = "InvalidDidError";
  constructor({ did }: { did: string }) {
    super(`${JSON.stringify(did)} is not a did:ethr identifier.`, {
      metaMessages: [
        "Expected did:ethr:<chain id in hex, e.g. 0x7a69>:<0x address>, e.g. did:ethr:0x7a69:0xf39F…2266.",
      ],
    });
  }
}

export class DidResolutionError extends BaseError {
  override name = "DidResolutionError";
  constructor({ did, error, message }: { did: string; error: string; message?: string | undefined }) {
    super(`Could not resolve ${did}: ${error}${message ? ` (${message})` : ""}.`, {
      metaMessages: ["Check that the RPC URL answers and that the DID registry address belongs to that chain."],
    });
  }
}
