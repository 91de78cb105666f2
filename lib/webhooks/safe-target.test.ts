// Which endpoint URLs are accepted: public https only, unless private targets are allowed.
import { describe, expect, it } from "vitest";
import { isPublicAddress, urlProblem } from "./safe-target";

describe("webhook targets", () => {
  it("treats loopback, private, link-local, unique-local and mapped addresses as non-public", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "0.0.0.0",
      "100.64.0.1",
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    expect(isPublicAddress("93.184.216.34")).toBe(true);
    expect(isPublicAddress("2606:4700::1111")).toBe(true);
  });

  it("refuses http, credentials and private hosts when private targets are not allowed", () => {
    expect(urlProblem("https://hooks.example.com/x", false)).toBeNull();
    expect(urlProblem("http://hooks.example.com/x", false)).toBe("Use https.");
    expect(urlProblem("https://user:pw@hooks.example.com/x", false)).toMatch(/Credentials/);
    expect(urlProblem("https://169.254.169.254/latest", false)).toMatch(/Private/);
    expect(urlProblem("https://[::1]/", false)).toMatch(/Private/);
    expect(urlProblem("https://localhost/", false)).toMatch(/Private/);
    expect(urlProblem("ftp://hooks.example.com/", false)).toMatch(/http/);
    expect(urlProblem("http://127.0.0.1:9/hook", true)).toBeNull();
  });
});
