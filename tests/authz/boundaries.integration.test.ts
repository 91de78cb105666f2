import { describe, expect, it } from "vitest";
import { createBoundary } from "@/lib/authz/create-boundary";
import { deleteBoundary } from "@/lib/authz/delete-boundary";
import { listBoundaries } from "@/lib/authz/list-boundaries";
import { loadUserAuthorization } from "@/lib/authz/load-user-authorization";
import { ALL_PERMISSIONS } from "@/lib/authz/permissions";
import { setUserBoundary } from "@/lib/authz/set-user-boundary";
import { updateBoundary } from "@/lib/authz/update-boundary";
import { db } from "@/lib/db/client";
import {
  createBoundaryRow,
  createStaff,
  expectDeniedAudit,
  expectSuccessAudit,
  newRequest,
  refusal,
  staffActor,
  unique,
} from "./factories";

const noSettings = ALL_PERMISSIONS.filter(
  (p) => !p.startsWith("settings:") && !p.startsWith("update:"),
);

describe("boundaries", () => {
  it("creates a boundary and attaches it; the user's effective permissions shrink", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({ roles: ["release_manager"] });
    const boundary = await createBoundary({
      actor: admin,
      input: { name: unique("readers"), permissions: ["releases:read", "products:read"] },
      request: newRequest(),
    });
    const request = newRequest();
    await setUserBoundary({
      actor: admin,
      input: { userId: target.id, boundaryId: boundary.id },
      request,
    });
    const auth = await loadUserAuthorization(db(), target.id);
    expect([...(auth?.permissions ?? [])]).toEqual(["products:read", "releases:read"]);
    await expectSuccessAudit(request, admin, "users.boundary_changed", {
      before: { boundary: null },
      after: {
        boundary: {
          id: boundary.id,
          name: boundary.name,
          permissions: ["products:read", "releases:read"],
        },
      },
    });
  });

  it("an administrator with a boundary cannot attach a boundary allowing more than they hold", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const wide = await createBoundaryRow(["settings:write", "releases:read"]);
    const target = await createStaff({ roles: ["support"] });
    const request = newRequest();
    const error = await refusal(
      setUserBoundary({
        actor: bounded,
        input: { userId: target.id, boundaryId: wide.id },
        request,
      }),
    );
    expect(error.message).toMatch(
      /allows settings:write, which you do not hold: you can only set a boundary within your own permissions/,
    );
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).boundaryId).toBeNull();
    await expectDeniedAudit(request, bounded, /settings:write/);
  });

  it("nobody changes their own boundary", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const request = newRequest();
    const error = await refusal(
      setUserBoundary({
        actor: bounded,
        input: { userId: bounded.userId, boundaryId: null },
        request,
      }),
    );
    expect(error.message).toBe("You cannot change your own boundary; ask another administrator.");
    await expectDeniedAudit(request, bounded, /own boundary/);
  });

  it("edits a boundary with before/after and the list of affected users", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const boundary = await createBoundaryRow(["releases:read", "audit:read"]);
    const user = await createStaff({ roles: ["auditor"] });
    await db().user.update({ where: { id: user.id }, data: { boundaryId: boundary.id } });
    const request = newRequest();
    await updateBoundary({
      actor: admin,
      input: { boundaryId: boundary.id, permissions: ["audit:read"] },
      request,
    });
    const event = await expectSuccessAudit(request, admin, "boundaries.updated", {
      before: {
        id: boundary.id,
        name: boundary.name,
        permissions: ["releases:read", "audit:read"],
      },
      after: { id: boundary.id, name: boundary.name, permissions: ["audit:read"] },
    });
    expect(event?.metadata).toEqual({ affectedUsers: [user.id], affectedApiClients: [] });
  });

  it("a bounded administrator cannot widen a boundary beyond their own", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const boundary = await createBoundaryRow(["audit:read"]);
    const request = newRequest();
    expect(
      await refusal(
        updateBoundary({
          actor: bounded,
          input: { boundaryId: boundary.id, permissions: ["audit:read", "settings:write"] },
          request,
        }),
      ),
    ).toMatchObject({ status: 403 });
    await expectDeniedAudit(request, bounded, /settings:write/);
  });

  it("deletes only boundaries nobody is under", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const used = await createBoundaryRow(["audit:read"]);
    const user = await createStaff();
    await db().user.update({ where: { id: user.id }, data: { boundaryId: used.id } });
    expect(
      await refusal(deleteBoundary({ actor: admin, input: { boundaryId: used.id } })),
    ).toMatchObject({
      status: 403,
      message: expect.stringMatching(/still applies to 1 user; detach it first/),
    });
    // An API client under it: the same rule, answered as a conflict by the operation.
    const forClient = await createBoundaryRow(["releases:read"]);
    await db().apiClient.create({
      data: { clientId: unique("pipe"), name: "p", kind: "PIPELINE", boundaryId: forClient.id },
    });
    expect(
      await refusal(deleteBoundary({ actor: admin, input: { boundaryId: forClient.id } })),
    ).toMatchObject({
      status: 409,
      message: "The boundary is attached to 1 API client; detach it first.",
    });
    const unused = await createBoundaryRow(["audit:read"]);
    const request = newRequest();
    await deleteBoundary({ actor: admin, input: { boundaryId: unused.id }, request });
    await expectSuccessAudit(request, admin, "boundaries.deleted", {
      before: { id: unused.id, name: unused.name, permissions: ["audit:read"] },
      after: null,
    });
  });

  it("lists boundaries with how many identities are under each; needs boundaries:read", async () => {
    const auditor = await staffActor({ roles: ["auditor"] });
    const boundary = await createBoundaryRow(["audit:read"]);
    const user = await createStaff();
    await db().user.update({ where: { id: user.id }, data: { boundaryId: boundary.id } });
    expect(
      (await listBoundaries({ actor: auditor, input: {} })).find((b) => b.id === boundary.id),
    ).toMatchObject({ users: 1, apiClients: 0 });
    const support = await staffActor({ roles: ["support"] });
    expect(await refusal(listBoundaries({ actor: support, input: {} }))).toMatchObject({
      status: 403,
    });
  });
});
