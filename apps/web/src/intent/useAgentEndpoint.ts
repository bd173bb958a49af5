import { useCallback, useEffect, useRef, useState } from "react";
import { AGENT_RUN_EVENT_NAMES, type AgentRunEvent } from "./agentRunEvent.ts";

/** Whether the agent endpoint answers this page: its agent and chain, or what is wrong and the command that fixes it. */
export type AgentEndpointHealth =
  | { state: "checking" }
  | { state: "up"; agent: string; chainId: number }
  | { state: "down"; problem: string; command: string };

export type AgentRunState = {
  runId: string | undefined;
  events: AgentRunEvent[];
  status: "idle" | "starting" | "running" | "done" | "failed";
  /** Why the run could not start or its stream was lost (not an agent error: those are events). */
  problem: string | undefined;
  /** Confirmations answered from this page, waiting for the server's `confirmation` event. */
  answering: Record<string, boolean>;
};

const idle: AgentRunState = { runId: undefined, events: [], status: "idle", problem: undefined, answering: {} };

/** The command that starts an endpoint this page may call. */
function serveCommand(): string {
  const origin = window.location.origin;
  const isDefault = origin === "http://127.0.0.1:5173";
  return isDefault ? "pnpm convergence agent serve" : `pnpm convergence agent serve --allow-origin ${origin}`;
}

async function errorOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: string };
    return body.error ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/**
 * The intent console's connection to `convergence agent serve`: its health, one run at a time (POST /runs, then its
 * events over an EventSource), and the answers to its confirmations. The page never holds a key: it sends the intent
 * and yes/no, the endpoint signs.
 *
 * @example
 * const { health, run, start, answer } = useAgentEndpoint({ agentUrl: config.agentUrl });
 */
export function useAgentEndpoint({ agentUrl }: { agentUrl: string }) {
  const [health, setHealth] = useState<AgentEndpointHealth>({ state: "checking" });
  const [run, setRun] = useState<AgentRunState>(idle);
  const source = useRef<EventSource | undefined>(undefined);

  const checkHealth = useCallback(async () => {
    setHealth({ state: "checking" });
    try {
      const response = await fetch(`${agentUrl}/health`);
      if (!response.ok) {
        setHealth({ state: "down", problem: await errorOf(response), command: serveCommand() });
        return;
      }
      const body = (await response.json()) as { agent: string; chainId: number };
      setHealth({ state: "up", agent: body.agent, chainId: body.chainId });
    } catch {
      // A refused origin gets no CORS header, which fetch reports like a closed port: name both causes.
      setHealth({
        state: "down",
        problem: `The agent endpoint at ${agentUrl} does not answer this page (not running, or started without this page's origin ${window.location.origin} allowed).`,
        command: serveCommand(),
      });
    }
  }, [agentUrl]);

  useEffect(() => {
    void checkHealth();
    return () => source.current?.close();
  }, [checkHealth]);

  const follow = useCallback(
    (runId: string) => {
      source.current?.close();
      const events = new EventSource(`${agentUrl}/runs/${encodeURIComponent(runId)}/events`);
      source.current = events;
      for (const name of AGENT_RUN_EVENT_NAMES) {
        events.addEventListener(name, (message) => {
          const event = {
            id: Number((message as MessageEvent).lastEventId),
            event: name,
            data: JSON.parse((message as MessageEvent<string>).data),
          } as AgentRunEvent;
          const ended = name === "done" || name === "error";
          if (ended) events.close();
          setRun((current) => {
            if (current.runId !== runId || current.events.some((e) => e.id === event.id)) return current;
            const answering = { ...current.answering };
            if (event.event === "confirmation") delete answering[event.data.confirmationId];
            return {
              ...current,
              events: [...current.events, event],
              answering,
              status: name === "done" ? "done" : name === "error" ? "failed" : current.status,
            };
          });
        });
      }
      events.onerror = () => {
        // EventSource reconnects by itself (the server replays from Last-Event-ID); once it gives up, say so.
        if (events.readyState !== EventSource.CLOSED) return;
        setRun((current) =>
          current.runId === runId && current.status === "running"
            ? {
                ...current,
                status: "failed",
                problem: `Lost the agent endpoint at ${agentUrl} during the run. Is it still running? Start it with: ${serveCommand()}`,
              }
            : current,
        );
      };
    },
    [agentUrl],
  );

  const start = useCallback(
    async (intent: string) => {
      setRun({ ...idle, status: "starting" });
      let response: Response;
      try {
        response = await fetch(`${agentUrl}/runs`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ intent }),
        });
      } catch {
        setRun({
          ...idle,
          status: "failed",
          problem: `The agent endpoint at ${agentUrl} does not answer. Start it with: ${serveCommand()}`,
        });
        void checkHealth();
        return;
      }
      if (!response.ok) {
        setRun({ ...idle, status: "failed", problem: await errorOf(response) });
        return;
      }
      const { runId } = (await response.json()) as { runId: string };
      setRun({ ...idle, runId, status: "running" });
      follow(runId);
    },
    [agentUrl, follow, checkHealth],
  );

  const answer = useCallback(
    async (confirmationId: string, approve: boolean) => {
      const runId = run.runId;
      if (!runId) return;
      setRun((current) => ({ ...current, answering: { ...current.answering, [confirmationId]: approve } }));
      try {
        const response = await fetch(
          `${agentUrl}/runs/${encodeURIComponent(runId)}/confirmations/${encodeURIComponent(confirmationId)}`,
          { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ approve }) },
        );
        if (!response.ok) {
          const problem = await errorOf(response);
          setRun((current) => {
            const answering = { ...current.answering };
            delete answering[confirmationId];
            return { ...current, answering, problem };
          });
        }
      } catch {
        setRun((current) => ({
          ...current,
          problem: `Could not send your answer: the agent endpoint at ${agentUrl} does not answer.`,
        }));
      }
    },
    [agentUrl, run.runId],
  );

  return { health, checkHealth, run, start, answer };
}
