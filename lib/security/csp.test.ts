import { describe, expect, it } from "vitest";
import { pageCsp } from "./csp";

const directive = (csp: string, name: string) =>
  csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";

describe("pageCsp", () => {
  it("allows production stylesheets only from the app and with this response's nonce", () => {
    const csp = pageCsp("abc", { dev: false, formActions: [] });
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'nonce-abc'");
    expect(directive(csp, "script-src")).toContain("'nonce-abc'");
  });

  // A nonce beside 'unsafe-inline' switches 'unsafe-inline' off, which blocked every <style>
  // the dev server injects (dozens of console violations a page, an unstyled dev overlay).
  it("lets the dev server's own <style> elements apply", () => {
    const csp = pageCsp("abc", { dev: true, formActions: [] });
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
    expect(directive(csp, "script-src")).toContain("'nonce-abc'");
  });
});
