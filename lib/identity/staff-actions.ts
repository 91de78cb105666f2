// Which server actions belong to the staff portal. Next.js forwards a `Next-Action` POST made to
// any page to the page that owns the action, so the path a client posts to says nothing about the
// action it runs: proxy.ts asks this module instead, and applies the staff network gate to any
// staff action wherever it is posted. The build's server-reference manifest maps each action id
// to the pages (workers) that own it. Without a manifest (tests, a build in progress) nothing is
// known here, and the owning page's own gate still refuses the forwarded request.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isStaffSurface } from "./network-policy";

const MANIFESTS = ["server", "dev/server"].map((dir) =>
  path.join(process.cwd(), ".next", dir, "server-reference-manifest.json"),
);

interface Manifest {
  node?: Record<string, { workers?: Record<string, unknown> }>;
}

let cached: { stamp: string; ids: ReadonlySet<string> } | undefined;

function stampOf(file: string): string | null {
  try {
    const stat = statSync(file);
    return `${file}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return null;
  }
}

// "app/admin/roles/[id]/page" → "/admin/roles/[id]"
const pathOfWorker = (worker: string) => `/${worker.replace(/^app\//, "").replace(/\/?page$/, "")}`;

function staffActionIds(): ReadonlySet<string> {
  const present = MANIFESTS.map((file) => ({ file, stamp: stampOf(file) })).filter(
    (m): m is { file: string; stamp: string } => m.stamp !== null,
  );
  const stamp = present.map((m) => m.stamp).join("|");
  if (cached?.stamp === stamp) return cached.ids;
  const ids = new Set<string>();
  for (const { file } of present) {
    try {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
      for (const [id, entry] of Object.entries(manifest.node ?? {})) {
        const workers = Object.keys(entry.workers ?? {});
        if (workers.some((w) => isStaffSurface(pathOfWorker(w)))) ids.add(id);
      }
    } catch {
      // Being rewritten by a build: the next request reads it again.
    }
  }
  cached = { stamp, ids };
  return ids;
}

export function isStaffAction(actionId: string | null): boolean {
  return actionId !== null && staffActionIds().has(actionId);
}
