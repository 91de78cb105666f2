import { describe, expect, it } from "vitest";
import { z } from "zod";
import "./messages";

const messages = (schema: z.ZodType, input: unknown) =>
  schema.safeParse(input).error?.issues.map((i) => i.message);

describe("validation messages", () => {
  it("are written for the person filling the form, not zod's developer wording", () => {
    const schema = z.object({
      name: z.string().trim().min(1).max(5),
      email: z.email(),
      scopes: z.array(z.string()).min(1),
      kind: z.enum(["AGENT", "PIPELINE"]),
      count: z.number().int().max(3),
    });
    expect(messages(schema, { name: "", email: "x", scopes: [], kind: "X", count: 9 })).toEqual([
      "Required.",
      "Enter an email address, such as name@example.com.",
      "Choose at least one.",
      "Choose one of: AGENT, PIPELINE.",
      "Enter 3 or less.",
    ]);
    expect(messages(schema.shape.name, "toolong")).toEqual(["Use at most 5 characters."]);
    expect(messages(schema.shape.name, undefined)).toEqual(["Required."]);
    expect(messages(z.string().min(12), "short")).toEqual(["Use at least 12 characters."]);
  });

  it("leave a schema's own message alone", () => {
    expect(messages(z.string().regex(/^a$/, "only the letter a"), "b")).toEqual([
      "only the letter a",
    ]);
  });
});
