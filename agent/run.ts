// The two commands as functions (the CLI prints their results; tests call them directly).
// `update` repeats check → download → verify → install while the server offers stepping stones
// (releases on the way to one the installed version may not take directly).
import { rm } from "node:fs/promises";
import semver from "semver";
import { versionSchema } from "../lib/releases/create-release.schema";
import type { UpdateResult } from "../lib/updates/update-check.schema";
import { checkForUpdate, fetchToken } from "./api";
import type { AgentConfig } from "./config";
import { downloadArtifact, NO_PROGRESS, type Progress } from "./download";
import { AgentError, EXIT } from "./errors";
import { installRelease, readInstalledVersion } from "./install";
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
  steps: Array<{ version: string; critical: boolean; path: string }>;
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

export async function runUpdate(
  config: AgentConfig,
  progress: Progress = NO_PROGRESS,
): Promise<UpdateOutcome> {
  const dir = config.dir;
  if (!dir) throw new AgentError(EXIT.USAGE, "update needs --dir");
  const from = await installedVersion(config, "0.0.0");
  const token = await fetchToken(config);
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
    // Rollback protection on this side too: a signed answer offering a downgrade is refused.
    if (!semver.gt(release.version, installed)) {
      throw new AgentError(
        EXIT.ANSWER_REJECTED,
        `Refusing the update answer: it offers ${release.version}, not newer than ${installed}.`,
      );
    }
    const part = await downloadArtifact(config.server, token, artifact, dir, progress);
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
      throw error;
    }
    const path = await installRelease({
      dir,
      version: release.version,
      fileName: artifact.fileName,
      source: part,
    });
    await rm(part, { force: true });
    steps.push({ version: release.version, critical: release.critical, path });
    installed = release.version;
    if (!release.steppingStone) break;
  }
  return { status: steps.length ? "updated" : "up_to_date", from, to: installed, latest, steps };
}
