// Why @simplewebauthn refused a response, in words for the person holding the key. The library's
// own messages are for developers ("Response counter value 12 was lower than expected 12.");
// the sentence returned here ends "The security key check failed: …" and says what to do.
const RULES: [RegExp, string][] = [
  [
    /counter/i,
    "this key's signature counter did not go up, as happens when a key was copied or restored from a backup; use another registered key, or ask an administrator to reset your security keys",
  ],
  [
    /origin|rp ?id/i,
    "the check was started from another address; open the portal at its usual address and try again",
  ],
  [/challenge/i, "the check expired or was already used; start again"],
  [
    /user (was not )?(present|verified)/i,
    "the key was not touched in time; try again and touch your key when it blinks",
  ],
];

export function verificationFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : "";
  return (
    RULES.find(([pattern]) => pattern.test(text))?.[1] ??
    "the key's answer could not be verified; try again, or use another registered key"
  );
}
