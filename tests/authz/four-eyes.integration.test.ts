// Four-eyes on role assignment (FOUR_EYES_PERMISSIONS=roles:assign for this file).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveRequest } from "@/lib/authz/approve-request";
import { assignRole, type AssignRoleResult } from "@/lib/authz/assign-role";
import { requiresApproval } from "@/lib/authz/four-eyes";
import { listApprovalRequests } from "@/lib/authz/list-approval-requests";
import { ALL_PERMISSIONS } from "@/lib/authz/permissions";
import { rejectRequest } from "@/lib/authz/reject-request";
import { requestApproval } from "@/lib/authz/request-approval";
import type { StaffActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import {
  builtInRoleIds,
  createCustomRole,
  createStaff,
  expectDeniedAudit,
  newRequest,
  refusal,
  staffActor,
} from "./factories";

const saved = process.env.FOUR_EYES_PERMISSIONS;
beforeAll(() => {
  process.env.FOUR_EYES_PERMISSIONS = "roles:assign,releases:publish";
  resetEnvForTests();
});
afterAll(() => {
  if (saved === undefined) delete process.env.FOUR_EYES_PERMISSIONS;
  else process.env.FOUR_EYES_PERMISSIONS = saved;
  resetEnvForTests();
});

const noSettings = ALL_PERMISSIONS.filter(
  (p) => !p.startsWith("settings:") && !p.startsWith("update:"),
);
const holds = async (userId: string, roleId: string) =>
  (await db().roleAssignment.count({ where: { userId, roleId } })) === 1;

async function pendingAssignment(
  requester: StaffActor,
  userId: string,
  roleId: string,
): Promise<string> {
  const result: AssignRoleResult = await assignRole({
    actor: requester,
    input: { userId, roleId },
    request: newRequest(),
  });
  if (result.status !== "pending_approval") throw new Error("expected a pending approval");
  return result.approvalRequestId;
}

describe("four-eyes role assignment", () => {
  it("requiresApproval follows the configuration", () => {
    expect(requiresApproval("roles:assign")).toBe(true);
    expect(requiresApproval("releases:publish")).toBe(true);
    expect(requiresApproval("roles:write")).toBe(false);
  });

  it("an assignment waits for a second person; the request is audited", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff();
    const roleId = (await builtInRoleIds()).auditor ?? "";
    const request = newRequest();
    const result = await assignRole({
      actor: requester,
      input: { userId: target.id, roleId },
      request,
    });
    expect(result).toMatchObject({ status: "pending_approval" });
    expect(await holds(target.id, roleId)).toBe(false);
    const [event] = await db().auditEvent.findMany({ where: { requestId: request.requestId } });
    expect(event).toMatchObject({
      action: "approvals.requested",
      result: "SUCCESS",
      actorId: requester.userId,
      targetType: "approval_request",
    });
    expect(event?.after).toMatchObject({
      action: "roles.assign",
      permission: "roles:assign",
      payload: { userId: target.id, roleId },
      status: "PENDING",
    });
  });

  it("a second administrator approves: the role is assigned, both events are audited", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const approver = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff();
    const roleId = (await builtInRoleIds()).auditor ?? "";
    const id = await pendingAssignment(requester, target.id, roleId);
    const request = newRequest();
    expect(await approveRequest({ actor: approver, input: { requestId: id }, request })).toEqual({
      id,
      status: "APPROVED",
    });
    expect(await holds(target.id, roleId)).toBe(true);
    const events = await db().auditEvent.findMany({
      where: { requestId: request.requestId },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["users.roles_changed", "approvals.approved"]);
    expect(events[0]).toMatchObject({
      actorId: approver.userId,
      before: { roles: [] },
      after: { roles: ["auditor"] },
    });
    expect(events[0]?.metadata).toMatchObject({
      approvalRequestId: id,
      requestedById: requester.userId,
    });
    expect(events[1]).toMatchObject({
      before: { status: "PENDING" },
      after: { status: "APPROVED" },
    });
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "APPROVED", decidedById: approver.userId });
    expect(
      await refusal(approveRequest({ actor: approver, input: { requestId: id } })),
    ).toMatchObject({ status: 409 });
  });

  it("nobody approves their own request", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff();
    const id = await pendingAssignment(
      requester,
      target.id,
      (await builtInRoleIds()).support ?? "",
    );
    const request = newRequest();
    expect(
      await refusal(approveRequest({ actor: requester, input: { requestId: id }, request })),
    ).toMatchObject({
      status: 403,
      message: "You cannot approve your own request; another person must decide it.",
    });
    await expectDeniedAudit(request, requester, /own request/);
  });

  it("the approver needs approvals:decide and the permission itself", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff();
    const id = await pendingAssignment(
      requester,
      target.id,
      (await builtInRoleIds()).support ?? "",
    );
    const noDecide = await staffActor({
      roles: [
        (
          await createCustomRole([
            "roles:assign",
            "customers:read",
            "licenses:read",
            "products:read",
            "releases:read",
          ])
        ).id,
      ],
    });
    expect(
      (await refusal(approveRequest({ actor: noDecide, input: { requestId: id } }))).message,
    ).toBe("You need the permission approvals:decide to approve requests.");
    const decideOnly = await staffActor({
      roles: [(await createCustomRole(["approvals:decide"])).id],
    });
    expect(
      (await refusal(approveRequest({ actor: decideOnly, input: { requestId: id } }))).message,
    ).toBe("You need the permission roles:assign to approve this request.");
    expect(await holds(target.id, (await builtInRoleIds()).support ?? "")).toBe(false);
  });

  it("a bounded approver cannot approve a grant outside their boundary", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const target = await createStaff();
    const roleId = (await builtInRoleIds()).security_admin ?? "";
    const id = await pendingAssignment(requester, target.id, roleId);
    const request = newRequest();
    const error = await refusal(
      approveRequest({ actor: bounded, input: { requestId: id }, request }),
    );
    expect(error.message).toMatch(
      /^You could not make this change yourself: The role "security_admin" grants settings:read, settings:write/,
    );
    expect(await holds(target.id, roleId)).toBe(false);
    await expectDeniedAudit(request, bounded, /could not make this change yourself/);
  });

  it("nobody approves a grant to themselves", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const approver = await staffActor({ roles: ["security_admin"] });
    const id = await pendingAssignment(
      requester,
      approver.userId,
      (await builtInRoleIds()).auditor ?? "",
    );
    expect(
      (await refusal(approveRequest({ actor: approver, input: { requestId: id } }))).message,
    ).toMatch(/own roles/);
  });

  it("a requester who has since lost the right to make the change cannot have it approved", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const approver = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff();
    const id = await pendingAssignment(
      requester,
      target.id,
      (await builtInRoleIds()).auditor ?? "",
    );
    await db().user.update({ where: { id: requester.userId }, data: { status: "SUSPENDED" } });
    const error = await refusal(approveRequest({ actor: approver, input: { requestId: id } }));
    expect(error.message).toBe(
      "The requester can no longer make this change: You need the permission roles:assign to assign roles.",
    );
  });

  it("a refused request at request time is never stored", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const target = await createStaff();
    const request = newRequest();
    const roleId = (await builtInRoleIds()).security_admin ?? "";
    expect(
      await refusal(
        requestApproval({
          actor: bounded,
          input: { action: "roles.assign", payload: { userId: target.id, roleId } },
          request,
        }),
      ),
    ).toMatchObject({ status: 403 });
    await expectDeniedAudit(request, bounded, /settings:read/);
    expect(await db().approvalRequest.count({ where: { requestedById: bounded.userId } })).toBe(0);
  });

  it("rejection closes the request, audited; it can no longer be approved", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const approver = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff();
    const id = await pendingAssignment(
      requester,
      target.id,
      (await builtInRoleIds()).auditor ?? "",
    );
    expect(
      await refusal(rejectRequest({ actor: requester, input: { requestId: id } })),
    ).toMatchObject({ status: 403 });
    const request = newRequest();
    expect(
      await rejectRequest({
        actor: approver,
        input: { requestId: id, reason: "not needed" },
        request,
      }),
    ).toEqual({ id, status: "REJECTED" });
    const [event] = await db().auditEvent.findMany({ where: { requestId: request.requestId } });
    expect(event).toMatchObject({
      action: "approvals.rejected",
      reason: "not needed",
      before: { status: "PENDING" },
      after: { status: "REJECTED" },
    });
    expect(
      await refusal(approveRequest({ actor: approver, input: { requestId: id } })),
    ).toMatchObject({ status: 409 });
  });

  it("an expired request cannot be approved and is listed as expired", async () => {
    const requester = await staffActor({ roles: ["security_admin"] });
    const approver = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff();
    const id = await pendingAssignment(
      requester,
      target.id,
      (await builtInRoleIds()).auditor ?? "",
    );
    await db().approvalRequest.update({
      where: { id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      await refusal(approveRequest({ actor: approver, input: { requestId: id } })),
    ).toMatchObject({ status: 410 });
    const listed = await listApprovalRequests({ actor: approver, input: {} });
    expect(listed.find((r) => r.id === id)?.status).toBe("EXPIRED");
    // Without approvals:decide a person sees only their own requests.
    const outsider = await staffActor({ roles: ["support"] });
    expect(await listApprovalRequests({ actor: outsider, input: {} })).toEqual([]);
  });
});
