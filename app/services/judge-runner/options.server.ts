// A judge run's options as a person gives them (CLI flags or the page's form), checked once, with the
// field named on every problem. The API key is looked up in the environment by the variable's name and
// never leaves this process except in the Authorization header.
import { invalid, keyedError } from "~/lib/errors";
import { checkJudgeName } from "../judge-import.server";
import { completionsUrl } from "./endpoint.server";

export type JudgeRunInput = {
  judge: string;
  endpoint: string;
  model: string;
  apiKeyEnv?: string | null;
  concurrency?: number | null;
  metrics?: string[];
  limit?: number | null;
};

export type CheckedRunInput = {
  judge: string;
  /** the full chat-completions URL */
  url: string;
  model: string;
  apiKeyEnv: string | null;
  concurrency: number;
  metrics: string[];
  limit: number | null;
};

export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 256;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function checkRunInput(input: JudgeRunInput): CheckedRunInput {
  const judge = checkJudgeName(input.judge);
  const url = completionsUrl(input.endpoint);
  const model = input.model.trim();
  if (!model || model.length > 200) throw invalid("judgeRuns.errors.model", undefined, "model");
  const apiKeyEnv = input.apiKeyEnv?.trim() || null;
  if (apiKeyEnv !== null && !ENV_NAME.test(apiKeyEnv)) throw invalid("judgeRuns.errors.apiKeyEnvName", undefined, "apiKeyEnv");
  const concurrency = input.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw invalid("judgeRuns.errors.concurrency", undefined, "concurrency");
  }
  const limit = input.limit ?? null;
  if (limit !== null && (!Number.isInteger(limit) || limit < 1)) throw invalid("judgeRuns.errors.limit", undefined, "limit");
  const metrics = [...new Set((input.metrics ?? []).map((m) => m.trim()).filter(Boolean))];
  return { judge, url, model, apiKeyEnv, concurrency, metrics, limit };
}

/** The key from the variable named, or undefined when no variable is named. An unset variable is an
 *  error that names the variable, never its value. */
export function readApiKey(apiKeyEnv: string | null, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (apiKeyEnv === null) return undefined;
  const key = env[apiKeyEnv];
  if (!key) throw keyedError(400, "judgeRuns.errors.apiKeyEnvUnset", { name: apiKeyEnv }, "apiKeyEnv");
  return key;
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Variables that hold Rolecall's own secrets: never sent anywhere, whoever asks. */
const NEVER = new Set(["ROLECALL_SECRET", "DATABASE_URL", "PGPASSWORD"]);

/**
 * What a run started from the web page may use (docs/security.md, "Judge endpoints"): a manager may send
 * requests only to origins listed in JUDGE_ENDPOINT_ALLOW, an admin anywhere; the key may come only from
 * a variable listed in JUDGE_API_KEY_ENV_ALLOW (default OPENAI_API_KEY), or a manager could have the
 * server send any of its secrets to an endpoint of their own. The CLI is not limited: its user already
 * holds the shell's environment.
 */
export function checkPagePolicy(input: CheckedRunInput, isAdmin: boolean, env: NodeJS.ProcessEnv = process.env) {
  if (!isAdmin) {
    const origin = new URL(input.url).origin;
    const allowed = list(env.JUDGE_ENDPOINT_ALLOW).map((o) => {
      try {
        return new URL(o).origin;
      } catch {
        return o;
      }
    });
    if (!allowed.includes(origin)) throw keyedError(403, "judgeRuns.errors.endpointNotAllowed", undefined, "endpoint");
  }
  if (input.apiKeyEnv !== null) {
    const keys = env.JUDGE_API_KEY_ENV_ALLOW === undefined ? ["OPENAI_API_KEY"] : list(env.JUDGE_API_KEY_ENV_ALLOW);
    if (NEVER.has(input.apiKeyEnv) || !keys.includes(input.apiKeyEnv)) {
      throw keyedError(403, "judgeRuns.errors.apiKeyEnvNotAllowed", { name: input.apiKeyEnv }, "apiKeyEnv");
    }
  }
}
