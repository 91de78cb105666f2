// Which Chromium the end-to-end tests drive, so that `npm ci && npm test` works on a machine
// that has none installed. In order: CHROMIUM_PATH when set; Debian's /usr/bin/chromium; the
// Chromium build shipped inside the @sparticuz/chromium npm package, unpacked once under
// .test-data/chromium together with the NSS libraries it bundles (so it needs no system
// browser libraries). E2E_BROWSER=bundled skips the system browser: CI runs one spec that way
// to prove the fallback.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export interface TestBrowser {
  executablePath: string;
  // Variables the browser process needs (the bundled build's library and font folders).
  env: Record<string, string>;
  source: "CHROMIUM_PATH" | "system" | "bundled";
}

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const ARCHIVES = ["chromium.br", "fonts.tar.br", "swiftshader.tar.br", "al2023.tar.br"] as const;

export async function findChromium(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestBrowser> {
  if (env.CHROMIUM_PATH)
    return { executablePath: env.CHROMIUM_PATH, env: {}, source: "CHROMIUM_PATH" };
  if (env.E2E_BROWSER !== "bundled" && existsSync(SYSTEM_CHROMIUM))
    return { executablePath: SYSTEM_CHROMIUM, env: {}, source: "system" };
  return unpackBundledChromium(path.join(root, ".test-data", "chromium"));
}

async function unpackBundledChromium(folder: string): Promise<TestBrowser> {
  let inflate: (file: string) => Promise<string>;
  let bin: string;
  try {
    const pkg = await import("@sparticuz/chromium");
    inflate = pkg.inflate;
    bin = path.join(
      path.dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")),
      "..",
      "bin",
    );
  } catch {
    throw new Error(
      "No Chromium for the end-to-end tests: /usr/bin/chromium is missing and the " +
        "@sparticuz/chromium package is not installed. Run `npm ci` (it is a dev dependency), " +
        "install Debian's browser (`apt-get install chromium`), or set CHROMIUM_PATH.",
    );
  }
  await mkdir(folder, { recursive: true });
  // The package unpacks into os.tmpdir(); pointing that at our own folder keeps the browser out
  // of a /tmp shared with other users and lets a second run reuse it.
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    await Promise.all(ARCHIVES.map((file) => inflate(path.join(bin, file))));
  } finally {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  }
  // The package's own fonts.conf names the folders of an AWS Lambda (/var/task, /tmp/fonts), so
  // on a machine without them the page's text has no font and renders as nothing: point
  // fontconfig at the fonts where they were unpacked, with its cache beside them.
  const fontConfig = path.join(folder, "fonts.conf");
  await writeFile(
    fontConfig,
    [
      `<?xml version="1.0"?>`,
      `<!DOCTYPE fontconfig SYSTEM "fonts.dtd">`,
      `<fontconfig>`,
      `  <dir>${path.join(folder, "fonts", "fonts")}</dir>`,
      `  <cachedir>${path.join(folder, "fonts-cache")}</cachedir>`,
      `</fontconfig>`,
      ``,
    ].join("\n"),
  );
  return {
    executablePath: path.join(folder, "chromium"),
    env: {
      CHROMIUM_LIBRARY_PATH: path.join(folder, "al2023", "lib"),
      FONTCONFIG_FILE: fontConfig,
    },
    source: "bundled",
  };
}
