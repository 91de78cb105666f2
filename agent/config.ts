// Configuration from flags, then environment variables, then defaults. Values are checked with
// the same rules the server applies, so a typo fails here with a clear message instead of as a
// 400 from the server.
import { randomBytes, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname as osHostname } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { channelNameSchema, productSlugSchema } from "../lib/releases/product.schema";
import { versionSchema } from "../lib/releases/create-release.schema";
import {
  ARCHES,
  PLATFORMS,
  type Arch,
  type Platform,
} from "../lib/releases/upload-artifact.schema";
import { hostnameSchema, machineIdSchema } from "../lib/updates/update-check.schema";
import { AgentError, EXIT } from "./errors";
import { loadPinnedKey } from "./keys";

export type Command = "check" | "update";

export interface AgentConfig {
  server: URL;
  clientId: string;
  clientSecret: string;
  publicKeys: KeyObject[];
  product: string;
  channel: string;
  platform: Platform;
  arch: Arch;
  machineId: string;
  hostname: string;
  // The installation directory (required for update).
  dir: string | null;
  // The installed version when given explicitly (else <dir>/current/VERSION).
  version: string | null;
  quiet: boolean;
  json: boolean;
  // A shell command run in <dir>/current after an install; a non-zero exit rolls back.
  healthCheck?: string | null;
}

export const USAGE = `Usage:
  tollgate-agent check  [--dir <dir> | --version <v> --machine-id <id>] [options]
  tollgate-agent update --dir <dir> [options]

Options (environment variable in brackets):
  --server <url>          Tollgate server [TOLLGATE_URL]
  --client-id <id>        API client id [TOLLGATE_CLIENT_ID]
  --client-secret <s>     API client secret [TOLLGATE_CLIENT_SECRET, or a file: TOLLGATE_CLIENT_SECRET_FILE]
  --public-key <key>      Pinned release-signing public key: PEM file or base64; repeat for a rotation
                          [TOLLGATE_PUBLIC_KEY, comma-separated]
  --product <slug>        Product [TOLLGATE_PRODUCT]
  --channel <name>        Channel (default stable) [TOLLGATE_CHANNEL]
  --platform <os>         linux | windows | darwin (default: this machine) [TOLLGATE_PLATFORM]
  --arch <arch>           x64 | arm64 (default: this machine) [TOLLGATE_ARCH]
  --machine-id <id>       Machine id (default: kept in <dir>/.tollgate/machine-id) [TOLLGATE_MACHINE_ID]
  --version <v>           Installed version (default: <dir>/current/VERSION, or 0.0.0 if none)
  --health-check <cmd>    Run after an install (in <dir>/current, TOLLGATE_VERSION set); a non-zero exit
                          switches back to the previous version and reports the rollback [TOLLGATE_HEALTH_CHECK]
  --quiet                 No progress bar
  --json                  Print the result as JSON`;

const options = {
  server: { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "public-key": { type: "string", multiple: true },
  product: { type: "string" },
  channel: { type: "string" },
  platform: { type: "string" },
  arch: { type: "string" },
  "machine-id": { type: "string" },
  dir: { type: "string" },
  version: { type: "string" },
  "health-check": { type: "string" },
  quiet: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean" },
} as const;

const usage = (message: string) => new AgentError(EXIT.USAGE, `${message}\n\n${USAGE}`);

function checked<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw usage(`${name}: ${result.error.issues[0]?.message ?? "not valid"}`);
  return result.data;
}

function required(name: string, value: string | undefined): string {
  if (!value) throw usage(`${name} is required`);
  return value;
}

type Environment = Record<string, string | undefined>;

function secretFrom(flag: string | undefined, env: Environment): string {
  if (flag) return flag;
  if (env.TOLLGATE_CLIENT_SECRET) return env.TOLLGATE_CLIENT_SECRET;
  if (env.TOLLGATE_CLIENT_SECRET_FILE) {
    try {
      return readFileSync(env.TOLLGATE_CLIENT_SECRET_FILE, "utf8").trim();
    } catch {
      throw usage(`TOLLGATE_CLIENT_SECRET_FILE: cannot read ${env.TOLLGATE_CLIENT_SECRET_FILE}`);
    }
  }
  throw usage(
    "--client-secret (or TOLLGATE_CLIENT_SECRET / TOLLGATE_CLIENT_SECRET_FILE) is required",
  );
}

const thisPlatform = (): string =>
  ({ win32: "windows" })[process.platform as "win32"] ?? process.platform;

// A random id created once per installation directory, so the fleet view sees one machine.
export function persistentMachineId(dir: string): string {
  const file = path.join(dir, ".tollgate", "machine-id");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const id = `m-${randomBytes(16).toString("hex")}`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${id}\n`, { flag: "wx" });
  return id;
}

function safeHostname(): string {
  const name = osHostname().slice(0, 253);
  return hostnameSchema.safeParse(name).success ? name : "unknown";
}

export function resolveConfig(
  argv: string[],
  env: Environment = process.env,
): { command: Command | "help"; config: AgentConfig | null } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { command: "help", config: null };
  const command = positionals[0];
  if (command !== "check" && command !== "update") throw usage(`Unknown command ${command}`);
  if (positionals.length > 1) throw usage(`Unexpected argument ${positionals[1]}`);

  const dir = values.dir ? path.resolve(values.dir) : null;
  if (command === "update" && !dir) throw usage("update needs --dir");
  const serverText = required("--server (or TOLLGATE_URL)", values.server ?? env.TOLLGATE_URL);
  let server: URL;
  try {
    server = new URL(serverText);
  } catch {
    throw usage(`--server: ${serverText} is not a URL`);
  }
  if (
    server.protocol !== "https:" &&
    !["localhost", "127.0.0.1", "[::1]"].includes(server.hostname)
  ) {
    throw usage("--server must be https:// (plain http only for localhost)");
  }
  const keyValues = values["public-key"]?.length
    ? values["public-key"]
    : (env.TOLLGATE_PUBLIC_KEY ?? "").split(",").filter(Boolean);
  if (keyValues.length === 0)
    throw usage(
      "--public-key (or TOLLGATE_PUBLIC_KEY) is required: the agent trusts only pinned keys",
    );

  const machineIdText =
    values["machine-id"] ?? env.TOLLGATE_MACHINE_ID ?? (dir ? persistentMachineId(dir) : undefined);
  const config: AgentConfig = {
    server,
    clientId: required(
      "--client-id (or TOLLGATE_CLIENT_ID)",
      values["client-id"] ?? env.TOLLGATE_CLIENT_ID,
    ),
    clientSecret: secretFrom(values["client-secret"], env),
    publicKeys: keyValues.map(loadPinnedKey),
    product: checked(
      "--product",
      productSlugSchema,
      required("--product (or TOLLGATE_PRODUCT)", values.product ?? env.TOLLGATE_PRODUCT),
    ),
    channel: checked(
      "--channel",
      channelNameSchema,
      values.channel ?? env.TOLLGATE_CHANNEL ?? "stable",
    ),
    platform: checked(
      "--platform",
      z.enum(PLATFORMS),
      values.platform ?? env.TOLLGATE_PLATFORM ?? thisPlatform(),
    ),
    arch: checked("--arch", z.enum(ARCHES), values.arch ?? env.TOLLGATE_ARCH ?? process.arch),
    machineId: checked(
      "--machine-id",
      machineIdSchema,
      required("--machine-id (or --dir)", machineIdText),
    ),
    hostname: safeHostname(),
    dir,
    version: values.version ? checked("--version", versionSchema, values.version) : null,
    quiet: values.quiet ?? false,
    json: values.json ?? false,
    healthCheck: values["health-check"] ?? env.TOLLGATE_HEALTH_CHECK ?? null,
  };
  return { command, config };
}
