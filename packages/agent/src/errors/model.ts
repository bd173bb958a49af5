import { BaseError } from "./base.ts";

/** `--model` / CONVERGENCE_MODEL is not one of the forms the agent knows. */
export class UnknownModelError extends BaseError {
  override name = "UnknownModelError";
  constructor({ spec }: { spec: string }) {
    super(`Unknown model "${spec}".`, {
      metaMessages: [
        'Use "embedded" (the default: offline, no key), "openai:<model>" (any OpenAI-compatible server) or "ollama:<model>".',
        "Set it with --model or CONVERGENCE_MODEL.",
      ],
    });
  }
}

/** A provider needs a key that is not set; names the setting. */
export class MissingApiKeyError extends BaseError {
  override name = "MissingApiKeyError";
  readonly setting: string;
  constructor({ provider, setting }: { provider: string; setting: string }) {
    super(`${setting} is not set: the ${provider} provider needs an API key.`, {
      metaMessages: [
        `Export ${setting}=<key>, or point OPENAI_BASE_URL at an OpenAI-compatible server that needs no key (vLLM, llama.cpp, Ollama's /v1).`,
        "Or use the embedded model: --model embedded.",
      ],
    });
    this.setting = setting;
  }
}

/** The model server could not be reached; names the setting that points at it. */
export class ProviderUnreachableError extends BaseError {
  override name = "ProviderUnreachableError";
  readonly setting: string;
  readonly url: string;
  constructor({ provider, setting, url, cause }: { provider: string; setting: string; url: string; cause?: unknown }) {
    super(`Cannot reach the ${provider} server at ${url} (${setting}).`, {
      details: cause instanceof Error ? cause.message : undefined,
      metaMessages: [
        `Start the server, or set ${setting} to where it listens.`,
        "Or use the embedded model: --model embedded.",
      ],
      cause,
    });
    this.setting = setting;
    this.url = url;
  }
}
