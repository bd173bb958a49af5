import { type FormEvent, useState } from "react";
import { Notice } from "../components/Notice.tsx";
import { useDashboard } from "../config/useDashboard.ts";
import type { AgentRunEvent } from "../intent/agentRunEvent.ts";
import { useAgentEndpoint } from "../intent/useAgentEndpoint.ts";
import "../intent/intentConsole.css";

const EXAMPLE = "wrap 0.1 ETH then swap 0.1 WETH for USDC";

function args(input: Record<string, unknown>): string {
  return Object.entries(input)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
}

/**
 * The intent console: type an intent, see the agent's plan, approve or refuse each send the policy asks about, and watch
 * the calls run. It talks to `convergence agent serve` (config.agentUrl), which holds the key and the policy.
 */
export function IntentConsole() {
  const { config } = useDashboard();
  return (
    <section>
      <h1>Intent console</h1>
      {config.agentUrl ? (
        <Console agentUrl={config.agentUrl} chainId={config.chainId} />
      ) : (
        <Notice title="No agent endpoint is configured" command="pnpm convergence devnet">
          The console runs intents through a local agent endpoint that keeps the keys and the spending policy; this
          dashboard's server names none (a <code>convergence agent serve</code> started beside it is not in its
          /config.json). <code>pnpm convergence devnet</code> serves the dashboard with one.
        </Notice>
      )}
    </section>
  );
}

function Console({ agentUrl, chainId }: { agentUrl: string; chainId: number }) {
  const { health, checkHealth, run, start, answer } = useAgentEndpoint({ agentUrl });
  const [intent, setIntent] = useState("");
  const busy = run.status === "starting" || run.status === "running";

  if (health.state === "checking") return <p className="loading">Asking the agent endpoint at {agentUrl}…</p>;
  if (health.state === "down") {
    return (
      <Notice tone="error" title="The agent endpoint is down" command={health.command}>
        <p>{health.problem}</p>
        <button type="button" onClick={() => void checkHealth()}>
          Try again
        </button>
      </Notice>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = intent.trim();
    if (text && !busy) void start(text);
  };
  const answered = new Map(
    run.events.flatMap((e) => (e.event === "confirmation" ? [[e.data.confirmationId, e.data] as const] : [])),
  );
  const plan = run.events.find((e) => e.event === "plan");

  return (
    <>
      <p className="muted">
        Agent <span className="mono">{health.agent}</span> on chain {health.chainId} via {agentUrl}. Its key and policy
        stay in that process; this page sends your intent and your answers only.
      </p>
      {health.chainId !== chainId ? (
        <Notice tone="warning" title={`The agent is on chain ${health.chainId}, this dashboard on ${chainId}`} />
      ) : null}
      <form className="intent-form" onSubmit={submit}>
        <input
          aria-label="Intent"
          name="intent"
          placeholder={`What should the agent do? e.g. "${EXAMPLE}"`}
          value={intent}
          maxLength={1000}
          onChange={(event) => setIntent(event.target.value)}
          disabled={busy}
        />
        <button type="submit" disabled={busy || intent.trim() === ""}>
          {busy ? "Running…" : "Plan and run"}
        </button>
      </form>
      {run.problem ? (
        <Notice tone="error" title="The run could not go on">
          {run.problem}
        </Notice>
      ) : null}
      {plan?.event === "plan" ? (
        <div className="intent-plan" data-testid="plan">
          <h2>Plan</h2>
          {plan.data.plan.refusal !== undefined ? (
            <p className="verdict verdict-refused">Refused: {plan.data.plan.refusal}</p>
          ) : (
            <ol>
              {plan.data.plan.calls.map((call, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a plan's calls are fixed once planned.
                <li key={index} className="mono">
                  {call.name} {args(call.args)}
                  {call.condition ? <span className="muted"> (only if {call.condition})</span> : null}
                  {call.why ? <div className="muted intent-why">why: {call.why}</div> : null}
                </li>
              ))}
            </ol>
          )}
        </div>
      ) : null}
      {run.events.length > 0 ? (
        <>
          <h2>Run</h2>
          <ol className="intent-events" data-testid="run-events">
            {run.events
              .filter((e) => e.event !== "plan" && e.event !== "confirmation")
              .map((event) => (
                <RunEvent
                  key={event.id}
                  event={event}
                  answered={event.event === "confirm" ? answered.get(event.data.confirmationId) : undefined}
                  answering={event.event === "confirm" ? run.answering[event.data.confirmationId] : undefined}
                  onAnswer={answer}
                />
              ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

function RunEvent({
  event,
  answered,
  answering,
  onAnswer,
}: {
  event: AgentRunEvent;
  answered: { approved: boolean; by: string } | undefined;
  answering: boolean | undefined;
  onAnswer: (confirmationId: string, approve: boolean) => Promise<void>;
}) {
  switch (event.event) {
    case "call":
      return (
        <li className="mono">
          → {event.data.tool} {args(event.data.input)}
        </li>
      );
    case "inference":
      return <li className="muted">· {event.data.text}</li>;
    case "decision":
      return (
        <li className={event.data.allowed ? "ok" : "bad"} data-decision={event.data.allowed ? "allowed" : "refused"}>
          policy {event.data.allowed ? "allowed" : `refused (${event.data.rule})`} {event.data.tool}:{" "}
          {event.data.message}
        </li>
      );
    case "confirm":
      return (
        <li className="confirm" data-testid="confirmation">
          <strong>Send {event.data.summary}?</strong>
          {answered ? (
            <div data-answer={answered.approved ? "approved" : "refused"}>
              {answered.approved
                ? "Approved."
                : answered.by === "timeout"
                  ? `Refused: no answer within ${event.data.timeoutSeconds} s.`
                  : "Refused: nothing was sent."}
            </div>
          ) : (
            <div className="confirm-actions">
              <button
                type="button"
                disabled={answering !== undefined}
                onClick={() => void onAnswer(event.data.confirmationId, true)}
              >
                Approve
              </button>
              <button
                type="button"
                className="refuse"
                disabled={answering !== undefined}
                onClick={() => void onAnswer(event.data.confirmationId, false)}
              >
                Refuse
              </button>
              <span className="muted">Refused by itself after {event.data.timeoutSeconds} s.</span>
            </div>
          )}
        </li>
      );
    case "step":
      return (
        <li className={event.data.ok ? "ok" : "bad"} data-step={event.data.tool}>
          {event.data.ok ? "✔" : "✖"} {event.data.tool}
          <pre>{event.data.output}</pre>
        </li>
      );
    case "done":
      return (
        <li className={event.data.ok ? "ok" : "bad"} data-testid="run-done" data-ok={String(event.data.ok)}>
          <strong>{event.data.ok ? "Done." : "Finished, not everything went through."}</strong>
          <pre>{event.data.text}</pre>
        </li>
      );
    case "error":
      return (
        <li className="bad" data-testid="run-error">
          <strong>The agent failed:</strong> {event.data.message}
        </li>
      );
    default:
      return null;
  }
}
