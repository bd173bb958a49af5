import { readModels } from "../chain/readModels.ts";
import { Hex } from "../components/Hex.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { Notice } from "../components/Notice.tsx";
import { useDashboard } from "../config/useDashboard.ts";
import { useLoad } from "../hooks/useLoad.ts";

/** `/models`: the ModelRegistry's registrations: commitment, key hash, verifier, publisher, retired or not. */
export function ModelsPage() {
  const { client, config, version, status } = useDashboard();
  const { data, error } = useLoad(() => readModels({ client, config }), [client, config, version, status.state]);
  return (
    <section>
      <h1>Models</h1>
      <LoadError title="Could not read the models" error={data ? undefined : error} />
      {data && data.length === 0 ? (
        <Notice
          title="No model registered yet: the devnet registers risk-v1; `pnpm convergence model add <file.onnx> --name <name>` registers your own"
          command="pnpm convergence devnet"
        />
      ) : null}
      {data && data.length > 0 ? (
        <table data-testid="models-table">
          <thead>
            <tr>
              <th>Id</th>
              <th>State</th>
              <th>Outputs</th>
              <th>Commitment</th>
              <th>Key hash</th>
              <th>Verifier</th>
              <th>Publisher</th>
              <th>URI</th>
            </tr>
          </thead>
          <tbody>
            {data.map((model) => (
              <tr key={model.modelId.toString()} data-model-id={model.modelId.toString()}>
                <td>{model.modelId.toString()}</td>
                <td>
                  <span className={`state ${model.active ? "state-verified" : "state-refunded"}`}>
                    {model.active ? "active" : "retired"}
                  </span>
                </td>
                <td>{model.numOutputs}</td>
                <td>
                  <Hex value={model.commitment.toString()} />
                </td>
                <td>
                  <Hex value={model.vkeyHash} />
                </td>
                <td>
                  <Hex value={model.verifier} />
                </td>
                <td>
                  <Hex value={model.owner} />
                </td>
                <td className="mono">{model.uri}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
