import type { ReadClient } from "@convergence/sdk";
import type { Address, Hex } from "viem";
import { stripCodeMetadata } from "./stripCodeMetadata.ts";

/** What a registration must carry for this worker to prove its jobs: this machine's key, and its verifier's code. */
export type ServedKey = {
  /** sha256 of the verification key this worker proves with (setupRegistration's vkeyHash). */
  vkeyHash: Hex;
  /** The runtime code of the verifier compiled from that key, CBOR metadata stripped (memoized: compiling takes seconds). */
  verifierCode: () => Promise<Hex>;
};

export type CheckRegistrationParameters = {
  client: ReadClient;
  /** The ModelRegistry record (getModel, or findModelRegistration's answer). */
  registration: { owner: Address; vkeyHash: Hex; verifier: Address };
  key: ServedKey;
  /** WORKER_PUBLISHERS, resolved: the owners whose registrations this worker serves. */
  publishers: readonly Address[];
};

export type CheckRegistrationReturnType = { served: true } | { served: false; reason: string };

/**
 * Whether this worker serves a registration of one of its models (the commitment already matched): its owner is one of
 * the publishers, its vkeyHash is this worker's key's, and its verifier's runtime code (eth_getCode, metadata
 * stripped) is the verifier compiled from that key. Anyone can register any commitment with any vkeyHash and any
 * verifier address: a registration by a stranger, or one whose verifier accepts other proofs, would let its owner
 * read outputs this worker computed and refuse, or judge, the fulfil. The reason names the first rule that failed.
 * `active` is not checked: a job opened before a retirement is still judged by the registration (the escrow refuses
 * new jobs for a retired one).
 *
 * @example
 * const check = await checkRegistration({ client, registration: await getModel({ client, registry, modelId }), key, publishers });
 * if (!check.served) log.warn("not served", { reason: check.reason });
 */
export async function checkRegistration({
  client,
  registration,
  key,
  publishers,
}: CheckRegistrationParameters): Promise<CheckRegistrationReturnType> {
  const owner = registration.owner.toLowerCase();
  if (!publishers.some((publisher) => publisher.toLowerCase() === owner)) {
    return {
      served: false,
      reason: `its owner ${registration.owner} is not one of this worker's publishers (WORKER_PUBLISHERS: ${publishers.join(", ")})`,
    };
  }
  if (registration.vkeyHash.toLowerCase() !== key.vkeyHash.toLowerCase()) {
    return {
      served: false,
      reason: `its vkeyHash ${registration.vkeyHash} is not this worker's verification key's (${key.vkeyHash})`,
    };
  }
  const code = await client.getCode({ address: registration.verifier });
  if (code === undefined || stripCodeMetadata(code) !== (await key.verifierCode())) {
    return {
      served: false,
      reason: `its verifier ${registration.verifier} ${code === undefined ? "holds no code" : "is not the verifier compiled from this worker's verification key (runtime code differs)"}`,
    };
  }
  return { served: true };
}
