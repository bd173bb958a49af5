export { BaseError } from "./errors/base.ts";
export {
  FacilitatorChainMismatchError,
  FacilitatorListenError,
  FacilitatorNoGasError,
  FacilitatorRpcUnreachableError,
} from "./errors/facilitator.ts";
export {
  type StartFacilitatorParameters,
  type StartFacilitatorReturnType,
  startFacilitator,
} from "./server/startFacilitator.ts";
export {
  type CreateFacilitatorSignerParameters,
  type CreateFacilitatorSignerReturnType,
  createFacilitatorSigner,
} from "./signer/createFacilitatorSigner.ts";
