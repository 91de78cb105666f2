// The anti-escalation policy: every rule about who may change whose access, in one pure module.
// Operations call it inside their transaction with a fresh snapshot of the authorization state;
// the UI calls it to disable what the actor cannot do, with the same reasons.
//
// The rules, in one sentence each:
// - Nobody can grant what they do not hold: a role or boundary an actor creates or edits, a role
//   they assign and a boundary they attach must lie within the actor's effective permissions.
// - Nobody can take away what they do not hold either: an actor can only edit, delete or remove
//   a role, or change a boundary, whose permissions they hold entirely, and can only suspend,
//   reactivate, re-bound or reset the MFA of a user whose permissions they hold entirely. So a
//   bounded administrator cannot act against a broader one.
// - Nobody changes their own access: their roles, their boundary, a role they hold or the
//   boundary that applies to them, their status or their MFA.
// - No lockout: no change may leave zero active users holding roles:write and roles:assign.
//   (For suspensions, boundary changes and boundary edits the rule above already implies it:
//   whoever holds everything the last role manager holds is a role manager too. The check stays
//   as a second line, in case that rule is ever relaxed.)
// - Built-in roles are defined in code and cannot be edited or deleted.
// Together these make every change move only permissions the actor holds (proven by
// tests/authz/escalation.property.test.ts).
//
// The rules live by concern: role-policy.ts, boundary-policy.ts, user-policy.ts and
// grant-policy.ts, written in the vocabulary of policy-checks.ts. This module is the one place
// callers import them from.
export type { Decision, PolicyActor } from "./policy-checks";
export { canAssignRole, canCreateOrEditRole, canDeleteRole, canRemoveRole } from "./role-policy";
export { canCreateOrEditBoundary, canDeleteBoundary, canSetBoundary } from "./boundary-policy";
export {
  canDecideApproval,
  canInviteUser,
  canReactivateUser,
  canResetMfa,
  canRevokeSessions,
  canSuspendUser,
} from "./user-policy";
export { canSetClientScopes, grantablePermissions, type GrantablePermission } from "./grant-policy";
