// The shape of every administration operation: explicit inputs, so that a route handler, a
// server action, a script and a test call the same function.
import type { AuditRequestInfo } from "@/lib/audit/record-audit";
import type { StaffActor } from "./actor";

export interface Operation<I> {
  // Its `permissions` are its effective permissions (lib/authz/load-user-authorization.ts).
  actor: StaffActor;
  input: I;
  request?: AuditRequestInfo;
}
