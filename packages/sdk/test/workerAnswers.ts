/** Answers of the worker's API as a real worker gives them, for the tests of the SDK's worker client. */
export const workerJobView = {
  jobId: "7",
  state: "proving",
  model: "risk-v1",
  modelId: "1",
  requester: "0x0000000000000000000000000000000000000001",
  amount: "2000000",
  deadline: "1700000000",
  inputCommitment: "5",
  output: null,
  proof: null,
  txHashes: [] as string[],
  attempts: 1,
  timings: { receivedAt: 1 } as Record<string, string | number>,
  error: null,
};

export const servedRiskModel = {
  name: "risk-v1",
  kind: "mlp",
  version: "1",
  modelId: "1",
  shape: [8, 16, 3],
  scale: 8,
  labels: ["low", "medium", "high"],
  features: null,
  commitment: "42",
};
