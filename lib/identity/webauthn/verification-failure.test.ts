import { describe, expect, it } from "vitest";
import { verificationFailure } from "./verification-failure";

describe("verificationFailure", () => {
  it("words the library's refusals for the person holding the key", () => {
    const counter = verificationFailure(
      new Error("Response counter value 12 was lower than expected 12."),
    );
    expect(counter).toMatch(/signature counter did not go up/);
    expect(counter).not.toMatch(/12/);
    expect(
      verificationFailure(new Error('Unexpected authentication response origin "http://x"')),
    ).toMatch(/usual address/);
    expect(verificationFailure(new Error("Something odd"))).toMatch(/could not be verified/);
    expect(verificationFailure("not an error")).toMatch(/could not be verified/);
  });
});
