// Summarises a V8 .cpuprofile (node --cpu-prof): the share of samples by where the code lives
// (Tollgate's own code, Next.js, React, Prisma and pg, pino, Node internals, GC, idle) and the
// functions with the most self time.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  busyMs: number;
  byArea: Array<{ area: string; share: number }>;
  topFunctions: Array<{ name: string; share: number }>;
}

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(program)") return "V8 / native";
  if (/node_modules\/(next|@next)\//.test(url) || /next-server|\/next\/dist\//.test(url))
    return "Next.js";
  if (/react-dom|react-server|\/react\//.test(url)) return "React";
  if (/pino|sonic-boom|fast-redact|thread-stream/.test(url)) return "logging (pino)";
  if (/@prisma|prisma\/|\/pg\/|pg-protocol|pg-pool|postgres-/.test(url)) return "Prisma + pg";
  if (/ioredis|@upstash|redis/.test(url)) return "Redis client";
  if (/jose/.test(url)) return "JWT (jose)";
  if (/zod/.test(url)) return "zod";
  if (url.startsWith("node:") || url === "") return "Node.js internals";
  if (/\.next\/server\/|\/lib\/|server\.mjs/.test(url)) return "Tollgate code";
  return "other packages";
}

export function summariseProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const area = new Map<string, number>();
  const fn = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const where = areaOf(node);
    if (where === "idle") return;
    total += dt;
    area.set(where, (area.get(where) ?? 0) + dt);
    const short = node.callFrame.url.replace(/^.*\/(node_modules|\.next)\//, "$1/");
    const name = `${node.callFrame.functionName || "(anonymous)"} ${short}:${node.callFrame.lineNumber + 1}`;
    fn.set(name, (fn.get(name) ?? 0) + dt);
  });
  const share = (v: number) => Math.round((v / Math.max(1, total)) * 1000) / 10;
  return {
    busyMs: Math.round(total / 1000),
    byArea: [...area.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, v]) => ({ area: name, share: share(v) })),
    topFunctions: [...fn.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, v]) => ({ name, share: share(v) })),
  };
}
