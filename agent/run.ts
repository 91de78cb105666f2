// The two commands as functions (the CLI prints their results; tests call them directly).
// `update` repeats check → download → verify → install while the server offers stepping stones
// (releases on the way to one the installed version may not take directly).
import { rm } from "node:fs/promises";
import semver from "semver";
import { versionSchema } from "../lib/releases/create-release.schema";
import type { UpdateResult } from "../lib/updates/update-check.schema";
import type { InstallEventInput } from "../lib/updates/install-events.schema";
import { checkForUpdate, fetchToken, reportEvents } from "./api";
import type { AgentConfig } from "./config";
import { downloadArtifact, NO_PROGRESS, type Progress } from "./download";
import { AgentError, EXIT } from "./errors";
import { activateRelease, installRelease, readInstalledVersion } from "./install";
import { rollbackRefusal } from "./verify-rollback";
import { verifyArtifactFile } from "./verify-artifact";

const MAX_STEPS = 10;

export type CheckOutcome = Pick<
  UpdateResult,
  "status" | "installed" | "latest" | "reason" | "release"
>;

export interface UpdateOutcome {
  status: "up_to_date" | "updated";
  from: string;
  to: string;
  latest: string | null;
  steps: Array<{ version: string; critical: boolean; path: string; rollback: boolean }>;
}

async function installedVersion(config: AgentConfig, fallback: string | null): Promise<string> {
  const found =
    config.version ?? (config.dir ? await readInstalledVersion(config.dir) : null) ?? fallback;
  if (found === null)
    throw new AgentError(EXIT.USAGE, "The installed version is unknown: give --version or --dir.");
  if (!versionSchema.safeParse(found).success) {
    throw new AgentError(
      EXIT.INSTALL,
      `The installed version ${JSON.stringify(found.slice(0, 70))} is not a valid version.`,
    );
  }
  return found;
}

function refusedIfNotEntitled(result: UpdateResult): void {
  if (result.status === "not_entitled") {
    throw new AgentError(
      EXIT.REFUSED,
      `Not entitled to ${result.product} (${result.reason ?? "no reason given"}).`,
    );
  }
}

export async function runCheck(config: AgentConfig): Promise<CheckOutcome> {
  const installed = await installedVersion(config, null);
  const token = await fetchToken(config);
  const { result } = await checkForUpdate(config, token, installed);
  refusedIfNotEntitled(result);
  return {
    status: result.status,
    installed: result.installed,
    latest: result.latest,
    reason: result.reason,
    release: result.release,
  };
}

// What the agent runs around an installation. afterInstall runs once the new release is
// current (migrations, a service restart); healthCheck then decides whether it works: false (or
// a throw) switches `current` back to the version that ran before and reports the rollback.
export interface AgentHooks {
  afterInstall?(ctx: HookContext): Promise<void>;
  healthCheck?(ctx: HookContext): Promise<boolean>;
}

export interface HookContext {
  dir: string;
  version: string;
  previousVersion: string;
  path: string;
}

export interface UpdateOptions {
  progress?: Progress;
  hooks?: AgentHooks;
}

function failureCode(error: AgentError): string {
  if (error.code !== "agent_error") return error.code;
  if (error.exitCode === EXIT.INSTALL) return "install_failed";
  if (error.exitCode === EXIT.ARTIFACT_REJECTED) return "artifact_rejected";
  return "download_failed";
}

const failedEvent = (
  product: string,
  version: string,
  previousVersion: string,
  error: AgentError,
): InstallEventInput => ({
  product,
  version,
  event: "failed",
  previousVersion,
  error: { code: failureCode(error), message: error.message.slice(0, 500) },
  occurredAt: new Date().toISOString(),
});

async function healthy(hooks: AgentHooks, ctx: HookContext): Promise<boolean> {
  try {
    await hooks.afterInstall?.(ctx);
    return hooks.healthCheck ? await hooks.healthCheck(ctx) : true;
  } catch {
    return false;
  }
}

export async function runUpdate(
  config: AgentConfig,
  options: UpdateOptions | Progress = {},
): Promise<UpdateOutcome> {
  const { progress = NO_PROGRESS, hooks = {} } =
    "start" in options ? { progress: options } : options;
  const dir = config.dir;
  if (!dir) throw new AgentError(EXIT.USAGE, "update needs --dir");
  const from = await installedVersion(config, "0.0.0");
  const token = await fetchToken(config);
  const report = (events: InstallEventInput[]) => reportEvents(config, token, events);
  const steps: UpdateOutcome["steps"] = [];
  let installed = from;
  let latest: string | null = null;
  for (let step = 0; step < MAX_STEPS; step++) {
    const { result } = await checkForUpdate(config, token, installed);
    refusedIfNotEntitled(result);
    latest = result.latest;
    if (result.status !== "update_available") break;
    const { release, artifact } = result;
    if (!release || !artifact)
      throw new AgentError(
        EXIT.ANSWER_REJECTED,
        "Refusing the update answer: an update without a release or artifact.",
      );
    // Rollback protection on this side too: a signed answer offering a downgrade is refused
    // unless it carries a rollback instruction for exactly this machine, product and from → to.
    const downgrade = !semver.gt(release.version, installed);
    if (downgrade) {
      const why = rollbackRefusal(result.rollback, {
        machineId: config.machineId,
        product: config.product,
        installed,
        offered: release.version,
        now: new Date(),
      });
      if (why) {
        const refusal = new AgentError(
          EXIT.ANSWER_REJECTED,
          `Refusing the update answer: it offers ${release.version}, not newer than ${installed}, ${why}.`,
          "downgrade_refused",
        );
        await report([failedEvent(config.product, release.version, installed, refusal)]);
        throw refusal;
      }
    }
    const started = Date.now();
    const fail = async (error: unknown): Promise<never> => {
      if (error instanceof AgentError)
        await report([failedEvent(config.product, release.version, installed, error)]);
      throw error;
    };
    const part = await downloadArtifact(config.server, token, artifact, dir, progress).catch(fail);
    const downloaded = Date.now();
    try {
      await verifyArtifactFile(
        part,
        {
          product: config.product,
          version: release.version,
          platform: config.platform,
          arch: config.arch,
          ...artifact,
        },
        config.publicKeys,
      );
    } catch (error) {
      // A file that failed verification is never resumed or installed.
      await rm(part, { force: true });
      await report([
        {
          product: config.product,
          version: release.version,
          event: "downloaded",
          previousVersion: installed,
          durationMs: downloaded - started,
        },
      ]);
      return fail(error);
    }
    const base = { product: config.product, version: release.version, previousVersion: installed };
    await report([
      { ...base, event: "downloaded", durationMs: downloaded - started },
      { ...base, event: "verified", durationMs: Date.now() - downloaded },
    ]);
    const path = await installRelease({
      dir,
      version: release.version,
      fileName: artifact.fileName,
      source: part,
    }).catch(fail);
    await rm(part, { force: true });
    const ctx = { dir, version: release.version, previousVersion: installed, path };
    if (!(await healthy(hooks, ctx))) {
      await activateRelease(dir, installed);
      const error = new AgentError(
        EXIT.INSTALL,
        `${config.product} ${release.version} failed its health check; rolled back to ${installed}.`,
        "health_check_failed",
      );
      await report([
        failedEvent(config.product, release.version, installed, error),
        { ...base, event: "rolled_back", previousVersion: installed },
      ]);
      throw error;
    }
    await report([
      { ...base, event: "installed", durationMs: Date.now() - started },
      // The release the machine was directed away from.
      ...(downgrade
        ? [
            {
              ...base,
              version: installed,
              event: "rolled_back" as const,
              previousVersion: release.version,
            },
          ]
        : []),
    ]);
    steps.push({ version: release.version, critical: release.critical, path, rollback: downgrade });
    installed = release.version;
    if (!release.steppingStone) break;
  }
  return { status: steps.length ? "updated" : "up_to_date", from, to: installed, latest, steps };
}
