// Atomic installation: `current` always names a complete release, and a failed installation
// leaves the directory as it was.
import { mkdtempSync } from "node:fs";
import { mkdir, readdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "@/agent/config";
import { EXIT } from "@/agent/errors";
import { installRelease, readInstalledVersion } from "@/agent/install";

async function fixture() {
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-install-"));
  const source = path.join(dir, "download.part");
  await writeFile(source, "new build");
  return { dir, source };
}

describe("installRelease", () => {
  it("installs into releases/<version> and switches the current symlink to it", async () => {
    const { dir, source } = await fixture();
    await installRelease({ dir, version: "1.0.0", fileName: "app.tar.gz", source });
    expect(await readInstalledVersion(dir)).toBe("1.0.0");
    await writeFile(source, "newer build");
    await installRelease({ dir, version: "2.0.0", fileName: "app.tar.gz", source });
    expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "2.0.0"));
    expect(await readFile(path.join(dir, "current", "app.tar.gz"), "utf8")).toBe("newer build");
    // The previous release stays for a rollback by hand; no staging or temporary links remain.
    expect((await readdir(path.join(dir, "releases"))).sort()).toEqual(["1.0.0", "2.0.0"]);
    expect((await readdir(dir)).sort()).toEqual(["current", "download.part", "releases"]);
  });

  it("replaces a leftover directory of an interrupted run rather than trusting it", async () => {
    const { dir, source } = await fixture();
    await mkdir(path.join(dir, "releases", "2.0.0"), { recursive: true });
    await writeFile(path.join(dir, "releases", "2.0.0", "app.tar.gz"), "half a file");
    await installRelease({ dir, version: "2.0.0", fileName: "app.tar.gz", source });
    expect(await readFile(path.join(dir, "current", "app.tar.gz"), "utf8")).toBe("new build");
  });

  it("refuses unsafe names and a `current` that is not a symlink, and leaves everything as it was", async () => {
    const { dir, source } = await fixture();
    await expect(
      installRelease({ dir, version: "../../etc", fileName: "x", source }),
    ).rejects.toMatchObject({ exitCode: EXIT.INSTALL });
    await expect(
      installRelease({ dir, version: "2.0.0", fileName: "../x", source }),
    ).rejects.toMatchObject({ exitCode: EXIT.INSTALL });
    await mkdir(path.join(dir, "current"));
    await expect(
      installRelease({ dir, version: "2.0.0", fileName: "app", source }),
    ).rejects.toMatchObject({ exitCode: EXIT.INSTALL });
    expect(await readdir(dir).then((names) => names.sort())).toEqual(["current", "download.part"]);
  });

  it("cleans up its staging directory when the copy fails", async () => {
    const { dir } = await fixture();
    await mkdir(path.join(dir, "releases", "1.0.0"), { recursive: true });
    await writeFile(path.join(dir, "releases", "1.0.0", "VERSION"), "1.0.0\n");
    await symlink(path.join("releases", "1.0.0"), path.join(dir, "current"));
    await expect(
      installRelease({ dir, version: "2.0.0", fileName: "app", source: path.join(dir, "missing") }),
    ).rejects.toMatchObject({
      exitCode: EXIT.INSTALL,
    });
    expect(await readdir(path.join(dir, "releases"))).toEqual(["1.0.0"]);
    expect(await readInstalledVersion(dir)).toBe("1.0.0");
  });
});

describe("agent configuration", () => {
  const key = Buffer.alloc(32, 7).toString("base64");
  const base = {
    TOLLGATE_URL: "https://updates.example.com",
    TOLLGATE_CLIENT_ID: "agent",
    TOLLGATE_CLIENT_SECRET: "s3cret-s3cret",
    TOLLGATE_PRODUCT: "acme-server",
  };

  it("refuses to run without a pinned key, over plain http to a remote host, or with bad values", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tollgate-config-"));
    const usage = (argv: string[], env: Record<string, string>) => {
      try {
        resolveConfig(argv, env);
      } catch (error) {
        return (error as { exitCode?: number }).exitCode;
      }
      return "accepted";
    };
    expect(usage(["update", "--dir", dir], base)).toBe(EXIT.USAGE);
    expect(
      usage(["update", "--dir", dir, "--public-key", key], {
        ...base,
        TOLLGATE_URL: "http://updates.example.com",
      }),
    ).toBe(EXIT.USAGE);
    expect(
      usage(["update", "--dir", dir, "--public-key", key, "--product", "Acme Server"], base),
    ).toBe(EXIT.USAGE);
    expect(usage(["update", "--dir", dir, "--public-key", key, "--platform", "beos"], base)).toBe(
      EXIT.USAGE,
    );
    expect(usage(["update", "--public-key", key], base)).toBe(EXIT.USAGE);
    expect(usage(["frobnicate"], base)).toBe(EXIT.USAGE);
    expect(
      usage(
        ["update", "--dir", dir, "--public-key", key, "--platform", "linux", "--arch", "x64"],
        base,
      ),
    ).toBe("accepted");
  });

  it("keeps one machine id per installation directory", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tollgate-config-"));
    const pair = [
      "update",
      "--dir",
      dir,
      "--public-key",
      key,
      "--platform",
      "linux",
      "--arch",
      "x64",
    ];
    const first = resolveConfig(pair, base).config;
    const second = resolveConfig(pair, base).config;
    expect(first?.machineId).toMatch(/^m-[0-9a-f]{32}$/);
    expect(second?.machineId).toBe(first?.machineId);
    expect(first?.server.toString()).toBe("https://updates.example.com/");
  });
});
