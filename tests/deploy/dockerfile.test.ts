// The Dockerfiles, checked where Docker cannot run: no diagnostics from dockerfile-utils' linter
// (the one behind VS Code's Docker support), and the image rules of the deployment: several
// stages, a pinned base, a non-root user, a health check on /api/health, no secret baked in.
import { readFileSync } from "node:fs";
import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const files = ["Dockerfile", "deploy/nginx/Dockerfile"];

function finalStage(file: string) {
  const dockerfile = DockerfileParser.parse(readFileSync(path.join(root, file), "utf8"));
  const instructions = dockerfile.getInstructions();
  const lastFrom = instructions.map((i) => i.getKeyword()).lastIndexOf("FROM");
  return { dockerfile, instructions, final: instructions.slice(lastFrom) };
}

describe.each(files)("%s", (file) => {
  it("has no lint diagnostics", () => {
    expect(validate(readFileSync(path.join(root, file), "utf8"))).toEqual([]);
  });

  it("runs as a non-root user with a health check", () => {
    const { final } = finalStage(file);
    const user =
      final
        .filter((i) => i.getKeyword() === "USER")
        .at(-1)
        ?.getArgumentsContent() ?? "";
    expect(user).not.toBe("");
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(final.some((i) => i.getKeyword() === "HEALTHCHECK")).toBe(true);
  });

  it("bakes no secret into the image", () => {
    const { instructions } = finalStage(file);
    for (const i of instructions.filter((x) => ["ENV", "ARG"].includes(x.getKeyword()))) {
      expect(i.getArgumentsContent() ?? "").not.toMatch(/SECRET|PASSWORD|PRIVATE|_KEY=/i);
    }
  });
});

describe("Dockerfile (app)", () => {
  it("builds in stages from a pinned base and checks /api/health", () => {
    const { dockerfile, final } = finalStage("Dockerfile");
    expect(dockerfile.getFROMs().length).toBeGreaterThanOrEqual(3);
    expect(readFileSync(path.join(root, "Dockerfile"), "utf8")).toMatch(
      /NODE_IMAGE=node:\d+\.\d+-[a-z]+-slim/,
    );
    const health = final.find((i) => i.getKeyword() === "HEALTHCHECK")?.getArgumentsContent() ?? "";
    expect(health).toContain("/api/health");
  });

  it("the linter finds a broken Dockerfile", () => {
    expect(validate("FROM node:20\nRUNN echo\nEXPOSE notaport\n").length).toBeGreaterThan(0);
  });
});
