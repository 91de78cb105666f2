// The agent's two API calls: a client credentials token, and the update check. The answer's
// body is kept as the exact bytes received, because those bytes are what the signature covers.
import { randomBytes } from "node:crypto";
import type { InstallEventInput } from "../lib/updates/install-events.schema";
import type {
  InstalledProduct,
  UpdateAnswer,
  UpdateResult,
} from "../lib/updates/update-check.schema";
import type { AgentConfig } from "./config";
import { AgentError, EXIT } from "./errors";
import { verifyAnswer } from "./verify-answer";

const TIMEOUT_MS = 30_000;
export const USER_AGENT = "tollgate-agent/1";

async function call(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new AgentError(
      EXIT.SERVER,
      `Cannot reach ${url.origin}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function problemText(res: Response): Promise<string> {
  const text = (await res.text()).slice(0, 2000);
  try {
    const body = JSON.parse(text) as {
      detail?: string;
      error_description?: string;
      reason?: string;
    };
    return [body.detail ?? body.error_description, body.reason ? `(${body.reason})` : ""]
      .filter(Boolean)
      .join(" ");
  } catch {
    return text.slice(0, 200);
  }
}

// Asks for update:report too; a client created before install reports existed lacks it, and its
// token is then requested without it (the agent simply does not report).
export async function fetchToken(config: AgentConfig): Promise<string> {
  const first = await requestToken(config, "update:check update:download update:report");
  if (first.status === 400 && (await first.clone().text()).includes("invalid_scope"))
    return tokenFrom(await requestToken(config, "update:check update:download"));
  return tokenFrom(first);
}

function requestToken(config: AgentConfig, scope: string): Promise<Response> {
  const basic = Buffer.from(
    `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`,
  ).toString("base64");
  return call(new URL("/api/oauth/token", config.server), {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": USER_AGENT,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope }).toString(),
  });
}

async function tokenFrom(res: Response): Promise<string> {
  if (res.status !== 200)
    throw new AgentError(
      EXIT.SERVER,
      `The token request was refused (${res.status}): ${await problemText(res)}`,
    );
  const body = (await res.json()) as { access_token?: unknown };
  if (typeof body.access_token !== "string")
    throw new AgentError(EXIT.SERVER, "The token endpoint answered without an access token.");
  return body.access_token;
}

function postJson(config: AgentConfig, path: string, token: string, body: unknown) {
  return call(new URL(path, config.server), {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "user-agent": USER_AGENT,
    },
    body: JSON.stringify(body),
  });
}

export interface CheckResult {
  answer: UpdateAnswer;
  result: UpdateResult;
}

export async function checkForUpdate(
  config: AgentConfig,
  token: string,
  installed: string,
): Promise<CheckResult> {
  const product: InstalledProduct = {
    product: config.product,
    version: installed,
    channel: config.channel,
    platform: config.platform,
    arch: config.arch,
  };
  const nonce = randomBytes(24).toString("base64url");
  const res = await postJson(config, "/api/update", token, {
    products: [product],
    machine: { id: config.machineId, hostname: config.hostname },
    nonce,
  });
  if (res.status === 403)
    throw new AgentError(EXIT.REFUSED, `The update check was refused: ${await problemText(res)}`);
  if (res.status !== 200)
    throw new AgentError(
      EXIT.SERVER,
      `The update check failed (${res.status}): ${await problemText(res)}`,
    );
  const body = new Uint8Array(await res.arrayBuffer());
  const answer = verifyAnswer(body, res.headers.get("x-tollgate-signature"), {
    keys: config.publicKeys,
    clientId: config.clientId,
    machineId: config.machineId,
    nonce,
  });
  const result = answer.updates.find(
    (u) =>
      u.product === config.product &&
      u.platform === config.platform &&
      u.arch === config.arch &&
      u.installed === installed,
  );
  if (!result || answer.updates.length !== 1) {
    throw new AgentError(
      EXIT.ANSWER_REJECTED,
      "Refusing the update answer: it does not answer the question asked.",
    );
  }
  return { answer, result };
}

// Install feedback (POST /api/update/events). Best effort: a report that cannot be delivered
// never fails the update it describes. The endpoint is idempotent per (machine, release,
// event), so a retry after an unclear failure cannot double count.
export async function reportEvents(
  config: AgentConfig,
  token: string,
  events: readonly InstallEventInput[],
): Promise<boolean> {
  if (events.length === 0) return true;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const res = await postJson(config, "/api/update/events", token, {
        machine: { id: config.machineId },
        events,
      });
      await res.body?.cancel();
      if (res.status === 200) return true;
      if (res.status < 500) return false;
    } catch {
      // Unreachable: try once more, then give up quietly.
    }
  }
  return false;
}
