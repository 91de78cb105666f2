// What a person reads when a field is refused. zod's own messages are written for developers
// ("Too small: expected string to have >=1 characters"); this error map, installed once for the
// zod instance the app uses, words the common cases for the person filling the form and says
// what to do. A schema's own message (`.regex(re, "…")`) still wins over these.
import { z } from "zod";

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const FORMATS: Record<string, string> = {
  email: "Enter an email address, such as name@example.com.",
  url: "Enter a full address starting with https://.",
  uuid: "Enter a valid identifier.",
  regex: "Use only the characters this field allows.",
  datetime: "Enter a date and time.",
  date: "Enter a date.",
};

const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(", ");

export function humanMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null || issue.input === ""
        ? "Required."
        : `Enter a ${issue.expected === "number" ? "number" : "valid value"}.`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1 ? "Required." : `Use at least ${min} characters.`;
      if (issue.origin === "array" || issue.origin === "set")
        return min <= 1 ? "Choose at least one." : `Choose at least ${min}.`;
      return `Enter ${min} or more.`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `Use at most ${max} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${max}.`;
      return `Enter ${max} or less.`;
    }
    case "invalid_format":
      return FORMATS[issue.format] ?? "Check the format of this value.";
    case "invalid_value":
      return `Choose one of: ${list(issue.values)}.`;
    case "unrecognized_keys":
      return `Remove the unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}.`;
    case "not_multiple_of":
      return `Enter a multiple of ${String(issue.divisor)}.`;
    default:
      return undefined;
  }
}

z.config({ customError: humanMessage });
