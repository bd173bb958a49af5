import type { EnsureModelRegistrationParameters } from "@convergence/sdk";

type RegistrationStep = Parameters<NonNullable<EnsureModelRegistrationParameters["onStep"]>>[0];

/** The progress line `model add` and `circuit add` show for each step of the SDK's `ensureModelRegistration`. */
export const registrationStepTitles: Record<RegistrationStep, string> = {
  "compile-verifier": "exporting and compiling the Groth16 verifier",
  "deploy-verifier": "deploying the verifier",
  register: "sending the registration",
};
