// Who may suspend, reactivate, reset the MFA of, invite and end the sessions of staff users, and
// decide a four-eyes request (see policy.ts).
import { findUser, type AuthzState } from "./authz-state";
import type { Permission } from "./permissions";
import {
  decide,
  exists,
  needs,
  noLockout,
  notSelf,
  userWithin,
  type Decision,
  type PolicyActor,
} from "./policy-checks";

export function canSuspendUser(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string },
): Decision {
  const user = findUser(state, input.userId);
  return decide([
    needs(actor, "users:write", "suspend users"),
    notSelf(actor, input.userId, "You cannot suspend yourself."),
    exists(user, "user"),
    userWithin(actor, state, user, "suspend them"),
    noLockout(state, { kind: "suspendUser", userId: input.userId }),
  ]);
}

export function canReactivateUser(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string },
): Decision {
  const user = findUser(state, input.userId);
  return decide([
    // No self check: a suspended user holds nothing, so cannot get this far for themselves.
    needs(actor, "users:write", "reactivate users"),
    exists(user, "user"),
    userWithin(actor, state, user, "reactivate them"),
  ]);
}

export function canResetMfa(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string },
): Decision {
  const user = findUser(state, input.userId);
  return decide([
    needs(actor, "users:write", "reset MFA"),
    notSelf(actor, input.userId, "You cannot reset your own MFA; ask another administrator."),
    exists(user, "user"),
    userWithin(actor, state, user, "reset their MFA"),
  ]);
}

// Revoking sessions changes nobody's access and is the first move when an account looks
// compromised, so it is open to any holder of sessions:revoke, for anyone, themselves included.
export function canRevokeSessions(actor: PolicyActor): Decision {
  return decide([needs(actor, "sessions:revoke", "revoke sessions")]);
}

export function canInviteUser(actor: PolicyActor): Decision {
  return decide([needs(actor, "users:write", "invite users")]);
}

// Four-eyes: the second person must be a different person, hold approvals:decide and hold the
// permission the change exercises. (The change itself is judged separately, for both people.)
export function canDecideApproval(
  actor: PolicyActor,
  input: { requestedById: string; permission: Permission; decision: "approve" | "reject" },
): Decision {
  return decide([
    needs(actor, "approvals:decide", `${input.decision} requests`),
    notSelf(
      actor,
      input.requestedById,
      `You cannot ${input.decision} your own request; another person must decide it.`,
    ),
    input.decision === "approve"
      ? needs(actor, input.permission, "approve this request")
      : () => null,
  ]);
}
