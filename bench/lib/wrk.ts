// Runs wrk and reads its summary: requests per second, latency percentiles, errors.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

export interface WrkRequest {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface WrkResult {
  connections: number;
  requestsPerSecond: number;
  bytesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
const SIZES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

function ms(text: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? "");
  return m ? Number(m[1]) * (UNITS[m[2] ?? "ms"] ?? 1) : Number.NaN;
}

function luaString(value: string): string {
  return JSON.stringify(value);
}

export function runWrk(
  request: WrkRequest,
  options: { connections: number; seconds: number; workDir: string; label: string },
): WrkResult {
  const script = path.join(options.workDir, `${options.label.replace(/[^a-z0-9]+/gi, "-")}.lua`);
  const lines = [`wrk.method = ${luaString(request.method ?? "GET")}`];
  if (request.body !== undefined) lines.push(`wrk.body = ${luaString(request.body)}`);
  for (const [k, v] of Object.entries(request.headers ?? {}))
    lines.push(`wrk.headers[${luaString(k)}] = ${luaString(v)}`);
  writeFileSync(script, `${lines.join("\n")}\n`);
  const threads = Math.min(2, options.connections);
  const out = spawnSync(
    "wrk",
    [
      `-t${threads}`,
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      "--timeout",
      "30s",
      "--latency",
      "-s",
      script,
      request.url,
    ],
    { encoding: "utf8" },
  );
  const text = `${out.stdout}\n${out.stderr}`;
  const latency = (p: string) => ms(new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(text)?.[1]);
  const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB)/.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const result: WrkResult = {
    connections: options.connections,
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? Number.NaN),
    bytesPerSecond: transfer ? Number(transfer[1]) * (SIZES[transfer[2] ?? "B"] ?? 1) : 0,
    p50Ms: latency("50"),
    p99Ms: latency("99"),
    requests: Number(/(\d+) requests in/.exec(text)?.[1] ?? 0),
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
  };
  if (Number.isNaN(result.requestsPerSecond))
    throw new Error(`wrk gave no result for ${options.label}:\n${text}`);
  return result;
}
