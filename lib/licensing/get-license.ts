import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getLicenseSchema, type GetLicenseInput } from "./get-license.schema";
import { licenseInclude, toLicenseView, type LicenseView } from "./license-view";
import { parseInput, type OperationArgs } from "./operation";
import { customerScope } from "./tenancy";

export interface LicenseMachine {
  id: string;
  machineId: string;
  hostname: string | null;
  lastIp: string | null;
  versions: unknown;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export type LicenseDetail = LicenseView & { machines: LicenseMachine[] };

const MACHINES_SHOWN = 200;

export async function getLicense({
  actor,
  input,
}: OperationArgs<GetLicenseInput>): Promise<LicenseDetail> {
  authorize(actor, "licenses:read");
  const { licenseId } = parseInput(getLicenseSchema, input);
  const row = await db().license.findFirst({
    where: { id: licenseId, ...customerScope(actor) },
    include: {
      ...licenseInclude,
      machines: {
        orderBy: { lastSeenAt: "desc" },
        take: MACHINES_SHOWN,
        select: {
          id: true,
          machineId: true,
          hostname: true,
          lastIp: true,
          versions: true,
          firstSeenAt: true,
          lastSeenAt: true,
        },
      },
    },
  });
  if (!row) throw new AppError("not_found", "No such license.");
  return { ...toLicenseView(row), machines: row.machines };
}
