import { describe, expect, it } from "vitest";
import type { ApiClientView } from "./api-client-view";
import { readApiClientFilters } from "./read-api-client-filters";

const client = (name: string, clientId: string) => ({ name, clientId }) as ApiClientView;

describe("readApiClientFilters", () => {
  it("reads kind, status and search from the query string, any case", () => {
    const f = readApiClientFilters({ kind: "Agent", status: "REVOKED", q: "  Globex " });
    expect(f).toMatchObject({
      kind: "AGENT",
      status: "REVOKED",
      search: "Globex",
      params: { kind: "agent", status: "revoked" },
      problems: [],
    });
    expect(f.matches(client("Globex production agents", "cli_1"))).toBe(true);
    expect(f.matches(client("Build pipeline", "cli_globex"))).toBe(true);
    expect(f.matches(client("Build pipeline", "cli_2"))).toBe(false);
  });

  it("drops what it cannot use, with a note a person can act on", () => {
    const f = readApiClientFilters({ kind: "robot", status: "x".repeat(100) });
    expect(f.kind).toBeUndefined();
    expect(f.status).toBeUndefined();
    expect(f.params).toEqual({ kind: "", status: "" });
    expect(f.problems).toEqual([
      '"robot" is not a kind (agent or pipeline).',
      `"${"x".repeat(40)}" is not a status (active or revoked).`,
    ]);
    expect(readApiClientFilters({ q: "   " }).search).toBeUndefined();
    expect(readApiClientFilters({ q: "y".repeat(500) }).search).toHaveLength(200);
  });
});
