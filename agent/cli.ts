#!/usr/bin/env -S npx tsx
// tollgate-agent: the reference update agent. See agent/README.md.
//   npx tsx agent/cli.ts check  --dir /opt/acme ...
//   npx tsx agent/cli.ts update --dir /opt/acme ...
import { spawn } from "node:child_process";
import path from "node:path";
import { SingleBar } from "cli-progress";
import { resolveConfig, USAGE } from "./config";
import type { Progress } from "./download";
import { AgentError, EXIT } from "./errors";
import { runCheck, runUpdate, type AgentHooks } from "./run";

// --health-check: the operator's command decides whether the new version works.
function healthCheckHook(command: string | null | undefined): AgentHooks {
  if (!command) return {};
  return {
    healthCheck: ({ dir, version }) =>
      new Promise((resolve) => {
        const child = spawn("sh", ["-c", command], {
          cwd: path.join(dir, "current"),
          env: { ...process.env, TOLLGATE_VERSION: version },
          stdio: "inherit",
        });
        child.on("error", () => resolve(false));
        child.on("exit", (code) => resolve(code === 0));
      }),
  };
}

function progressBar(enabled: boolean): Progress | undefined {
  if (!enabled) return undefined;
  const bar = new SingleBar({
    format: "Downloading [{bar}] {percentage}% | {value}/{total} bytes | ETA {eta}s",
    stream: process.stderr,
    hideCursor: true,
  });
  let running = false;
  return {
    start(total, already) {
      bar.start(total, already);
      running = true;
    },
    advance(bytes) {
      bar.increment(bytes);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const { command, config } = resolveConfig(argv);
  if (command === "help" || !config) {
    console.log(USAGE);
    return EXIT.OK;
  }
  const print = (human: string, data: unknown) =>
    console.log(config.json ? JSON.stringify(data) : human);
  if (command === "check") {
    const outcome = await runCheck(config);
    const offer = outcome.release
      ? ` → ${outcome.release.version}${outcome.release.critical ? " (critical)" : ""}`
      : "";
    print(
      `${config.product} ${outcome.installed}: ${outcome.status}${offer}${outcome.latest ? ` (latest ${outcome.latest})` : ""}`,
      outcome,
    );
    return EXIT.OK;
  }
  const outcome = await runUpdate(config, {
    progress: progressBar(!config.quiet && !config.json && process.stderr.isTTY),
    hooks: healthCheckHook(config.healthCheck),
  });
  print(
    outcome.status === "updated"
      ? `${config.product} updated ${outcome.from} → ${outcome.to}${outcome.steps.length > 1 ? ` via ${outcome.steps.map((s) => s.version).join(", ")}` : ""}`
      : `${config.product} ${outcome.from} is up to date${outcome.latest ? ` (latest ${outcome.latest})` : ""}`,
    outcome,
  );
  return EXIT.OK;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof AgentError) {
      console.error(`tollgate-agent: ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      console.error(
        `tollgate-agent: unexpected error: ${error instanceof Error ? error.stack : String(error)}`,
      );
      process.exitCode = EXIT.FAILURE;
    }
  },
);
