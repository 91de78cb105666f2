// The registry of changes a four-eyes request can carry. Each entry names the permission it
// exercises, validates its stored payload, lets the policy judge it for a given actor against a
// fresh snapshot (the requester when asking, both people when approving) and performs it.
// Other capabilities (publishing a release, ...) add their entries here.
import { z } from "zod";
import type { AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import type { StaffActor } from "./actor";
import { findRole, findUser, type AuthzState } from "./authz-state";
import { canAssignRole, type Decision, type PolicyActor } from "./policy";
import type { Permission } from "./permissions";
import { idSchema } from "./schema-parts";
import { writeRoleAssignment } from "./write-role-assignment";
import { advanceRolloutInTx } from "@/lib/rollouts/control-rollout";

export interface ExecuteContext {
  tx: Tx;
  // The approver: the person whose decision makes the change happen.
  actor: StaffActor;
  request?: AuditRequestInfo;
  approval: { id: string; requestedById: string };
}

export interface PreparedAction {
  summary: string;
  check(actor: PolicyActor, state: AuthzState): Decision;
  execute(ctx: ExecuteContext): Promise<unknown>;
}

export interface ApprovableAction {
  permission: Permission;
  // Throws a ZodError for a payload this action cannot carry.
  prepare(payload: unknown): PreparedAction;
}

const roleAssignPayload = z.object({ userId: idSchema, roleId: idSchema });
const rolloutAdvancePayload = z.object({
  rolloutId: idSchema,
  toPhase: z.number().int().min(0).max(20),
});

export const APPROVABLE_ACTIONS: Readonly<Record<string, ApprovableAction>> = {
  "roles.assign": {
    permission: "roles:assign",
    prepare(raw) {
      const payload = roleAssignPayload.parse(raw);
      return {
        summary: `assign role ${payload.roleId} to user ${payload.userId}`,
        check: (actor, state) => {
          const decision = canAssignRole(actor, state, payload);
          if (!decision.allowed) return decision;
          const holds = findUser(state, payload.userId)?.roleIds.includes(payload.roleId);
          return holds
            ? {
                allowed: false,
                reason: `The user already holds the role "${findRole(state, payload.roleId)?.key}".`,
              }
            : decision;
        },
        execute: ({ tx, actor, request, approval }) =>
          writeRoleAssignment(tx, { actor, request, ...payload, approval }),
      };
    },
  },
  // A rollout phase marked requiresApproval (lib/rollouts/control-rollout.ts).
  "rollouts.advance": {
    permission: "rollouts:manage",
    prepare(raw) {
      const payload = rolloutAdvancePayload.parse(raw);
      return {
        summary: `advance rollout ${payload.rolloutId} to phase ${payload.toPhase + 1}`,
        check: (actor) =>
          actor.permissions.has("rollouts:manage")
            ? { allowed: true }
            : { allowed: false, reason: "You need rollouts:manage to advance a rollout." },
        execute: ({ tx, actor, request, approval }) =>
          advanceRolloutInTx(tx, { actor, request, approval, ...payload }),
      };
    },
  },
};

export function approvableAction(name: string): ApprovableAction | undefined {
  return Object.hasOwn(APPROVABLE_ACTIONS, name) ? APPROVABLE_ACTIONS[name] : undefined;
}
