import { describe, expect, it } from "vitest";
import { demoSubject } from "@/scripts/lib/demo-users";
import {
  findDirectoryUserByEmail,
  findDirectoryUserBySubject,
} from "@/scripts/lib/dev-idp/directory";

describe("the dev IdP's directory", () => {
  it("knows the demo users and any colleague at a demo customer's domain, by email and then by subject", () => {
    expect(findDirectoryUserByEmail("ops@globex.test")?.kind).toBe("customer");
    const colleague = findDirectoryUserByEmail("New.Hire@Globex.test");
    expect(colleague).toMatchObject({ email: "new.hire@globex.test", kind: "customer" });
    expect(findDirectoryUserBySubject(demoSubject("new.hire@globex.test"))?.email).toBe(
      "new.hire@globex.test",
    );
  });

  it("knows nobody else: not the vendor's domain, not other domains", () => {
    expect(findDirectoryUserByEmail("nobody@vendor.test")).toBeUndefined();
    expect(findDirectoryUserByEmail("someone@example.com")).toBeUndefined();
    expect(findDirectoryUserBySubject(demoSubject("stranger@initech.test"))).toBeUndefined();
  });
});
