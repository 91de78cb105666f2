// The frame every administrative change runs in: one transaction, serialised with every other
// authorization change by a transaction-scoped advisory lock, judged by the policy against a
// snapshot read under that lock, audited inside the transaction on success and outside it
// (see refusal.ts) on refusal.
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { heldPermissions, type AuthzState } from "./authz-state";
import { loadAuthzState } from "./load-authz-state";
import type { Decision, PolicyActor } from "./policy";
import { auditedRefusal, PolicyRefusal, type RefusalContext } from "./refusal";

export interface AdminChange {
  tx: Tx;
  state: AuthzState;
  // The actor as the policy sees it: what the request authenticated with, cut down to what the
  // snapshot says they hold now (a role removed a moment ago no longer counts).
  policyActor: PolicyActor;
}

// Arbitrary but fixed: the key of the lock that serialises authorization changes.
const AUTHZ_LOCK_KEY = 7_410_262;

export async function lockAuthorization(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUTHZ_LOCK_KEY}::bigint)`;
}

export function freshPolicyActor(actor: PolicyActor, state: AuthzState): PolicyActor {
  const now = heldPermissions(state, actor.userId);
  return {
    userId: actor.userId,
    permissions: new Set([...actor.permissions].filter((p) => now.has(p))),
  };
}

// Refuses when the policy does; a decision that names something missing is a 404 (not audited,
// like every not-found), any other refusal an audited 403.
export function enforce(decision: Decision): void {
  if (decision.allowed) return;
  if (decision.missing) throw new AppError("not_found", decision.reason);
  throw new PolicyRefusal(decision.reason);
}

export async function runAdminChange<T>(
  ctx: RefusalContext,
  change: (c: AdminChange) => Promise<T>,
): Promise<T> {
  try {
    return await db().$transaction(
      async (tx) => {
        await lockAuthorization(tx);
        const state = await loadAuthzState(tx);
        return change({ tx, state, policyActor: freshPolicyActor(ctx.actor, state) });
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
  } catch (error) {
    if (error instanceof PolicyRefusal) throw await auditedRefusal(ctx, error.reason);
    throw error;
  }
}
