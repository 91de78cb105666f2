import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { toCustomerView, type CustomerView } from "./customer-view";
import { getCustomerSchema, type GetCustomerInput } from "./get-customer.schema";
import { licenseInclude, toLicenseView, type LicenseView } from "./license-view";
import { parseInput, type OperationArgs } from "./operation";
import { customerIdScope } from "./tenancy";

export interface CustomerDetail {
  customer: CustomerView;
  licenses: LicenseView[];
  users: {
    userId: string;
    email: string;
    name: string | null;
    status: "ACTIVE" | "SUSPENDED";
    role: "ADMIN" | "MEMBER";
    lastSignInAt: Date | null;
  }[];
  machines: {
    id: string;
    licenseId: string;
    machineId: string;
    hostname: string | null;
    lastIp: string | null;
    lastSeenAt: Date;
  }[];
  recentActivity: {
    id: string;
    at: Date;
    action: string;
    result: "SUCCESS" | "FAILURE" | "DENIED";
    actorLabel: string | null;
    targetType: string | null;
    targetId: string | null;
    reason: string | null;
  }[];
}

const MACHINES_SHOWN = 100;
const EVENTS_SHOWN = 25;

// customers:read covers contacts, users and machines (see the permission catalogue).
export async function getCustomer({
  actor,
  input,
}: OperationArgs<GetCustomerInput>): Promise<CustomerDetail> {
  authorize(actor, "customers:read");
  const { customerId } = parseInput(getCustomerSchema, input);
  const client = db();
  const row = await client.customer.findFirst({
    where: { AND: [{ id: customerId }, customerIdScope(actor)] },
    include: {
      licenses: { include: licenseInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
      memberships: {
        include: {
          user: { select: { email: true, name: true, status: true, lastSignInAt: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!row) throw new AppError("not_found", "No such customer.");
  const licenseIds = row.licenses.map((l) => l.id);
  const [machines, recentActivity] = await Promise.all([
    client.machine.findMany({
      where: { licenseId: { in: licenseIds } },
      orderBy: { lastSeenAt: "desc" },
      take: MACHINES_SHOWN,
      select: {
        id: true,
        licenseId: true,
        machineId: true,
        hostname: true,
        lastIp: true,
        lastSeenAt: true,
      },
    }),
    client.auditEvent.findMany({
      where: {
        OR: [
          { targetType: "customer", targetId: row.id },
          { targetType: "license", targetId: { in: licenseIds } },
        ],
      },
      orderBy: { seq: "desc" },
      take: EVENTS_SHOWN,
      select: {
        id: true,
        at: true,
        action: true,
        result: true,
        actorLabel: true,
        targetType: true,
        targetId: true,
        reason: true,
      },
    }),
  ]);
  const { licenses, memberships, ...customer } = row;
  return {
    customer: toCustomerView(customer),
    licenses: licenses.map((l) => toLicenseView(l)),
    users: memberships.map((m) => ({
      userId: m.userId,
      email: m.user.email,
      name: m.user.name,
      status: m.user.status,
      role: m.role,
      lastSignInAt: m.user.lastSignInAt,
    })),
    machines,
    recentActivity,
  };
}
