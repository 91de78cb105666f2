// Who the dev IdP can sign in: the demo users, and anyone else at a demo customer's email domain
// (globex.test, initech.test). A customer's real IdP is their own directory and already knows
// the colleague an administrator invites; this stands in for it, so an invited address signs in
// in development and end-to-end tests without editing a list. Tollgate itself still decides who
// may enter (a customer user needs a membership). The vendor domain gets no such fallback: staff
// are only the demo staff.
import {
  DEMO_USERS,
  demoSubject,
  findDemoUserByEmail,
  findDemoUserBySubject,
  type DemoUser,
} from "../demo-users";

const CUSTOMER_DOMAINS = new Set(
  DEMO_USERS.filter((u) => u.kind === "customer").map((u) =>
    u.email.slice(u.email.indexOf("@") + 1),
  ),
);
const EMAIL = /^[a-z0-9._+-]{1,64}@[a-z0-9.-]{1,190}$/;

// Directory entries met at login, by subject, for the token claims that follow (one process).
const colleagues = new Map<string, DemoUser>();

function colleague(email: string): DemoUser | undefined {
  if (!EMAIL.test(email) || !CUSTOMER_DOMAINS.has(email.slice(email.indexOf("@") + 1)))
    return undefined;
  const local = email.slice(0, email.indexOf("@"));
  return {
    email,
    name: local.replace(/[._-]+/g, " "),
    kind: "customer",
    groups: ["customers"],
    description: "a colleague in a demo customer's directory",
  };
}

export function findDirectoryUserByEmail(email: string): DemoUser | undefined {
  const wanted = email.trim().toLowerCase();
  const user = findDemoUserByEmail(wanted) ?? colleague(wanted);
  if (user && !findDemoUserByEmail(wanted)) colleagues.set(demoSubject(user.email), user);
  return user;
}

export function findDirectoryUserBySubject(sub: string): DemoUser | undefined {
  return findDemoUserBySubject(sub) ?? colleagues.get(sub);
}
