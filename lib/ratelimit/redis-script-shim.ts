// @upstash/ratelimit speaks to Upstash's HTTP Redis client. It only ever calls
// `evalsha(sha, keys, args)` and, on a NOSCRIPT error, `eval(script, keys, args)`; this shim
// gives it those two over ioredis and plain Redis. Its Lua scripts begin with
// `#!lua flags=allow-key-locking`, an Upstash-only flag that Redis 7 rejects, so the shim strips
// that line, runs the stripped script and remembers which real sha stands for the library's sha.
// (get/set/del are used only by `dynamicLimits`, which Tollgate leaves off.)
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

interface LoadedScript {
  sha: string;
  body: string;
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

export function stripUpstashFlags(script: string): string {
  return script.replace(/^#!lua[^\n]*\n/, "");
}

function toRedisArg(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : String(value);
}

export class RatelimitRedisShim {
  // Keyed by the library's sha (the sha1 of the script as the library ships it).
  private readonly scripts = new Map<string, LoadedScript>();

  constructor(private readonly connection: Redis) {}

  async evalsha<TArgs extends unknown[], TData = unknown>(
    sha: string,
    keys: string[],
    args: TArgs,
  ): Promise<TData> {
    const script = this.scripts.get(sha);
    // The library answers NOSCRIPT by sending the script itself, which is how the map fills.
    if (!script) throw new Error(`NOSCRIPT ${sha} has not been loaded through this shim yet`);
    return this.run<TData>(script, keys, args);
  }

  async eval<TArgs extends unknown[], TData = unknown>(
    source: string,
    keys: string[],
    args: TArgs,
  ): Promise<TData> {
    const librarySha = sha1(source);
    let script = this.scripts.get(librarySha);
    if (!script) {
      const body = stripUpstashFlags(source);
      script = { sha: sha1(body), body };
      this.scripts.set(librarySha, script);
    }
    return this.run<TData>(script, keys, args);
  }

  private async run<TData>(script: LoadedScript, keys: string[], args: unknown[]): Promise<TData> {
    const argv = args.map(toRedisArg);
    try {
      return (await this.connection.evalsha(script.sha, keys.length, ...keys, ...argv)) as TData;
    } catch (error) {
      // Redis restarted or SCRIPT FLUSH: EVAL runs the script and puts it back in the cache.
      if (!String(error).includes("NOSCRIPT")) throw error;
      return (await this.connection.eval(script.body, keys.length, ...keys, ...argv)) as TData;
    }
  }
}
