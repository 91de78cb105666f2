// Guards for server-rendered pages. Replaced by the staff identity work; until then every
// guarded page sends the visitor to sign in.
import { redirect } from "next/navigation";
import type { CustomerActor, StaffActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";

export async function requireStaffPage(_permission?: Permission): Promise<StaffActor> {
  redirect("/signin");
}

export async function requireCustomerPage(): Promise<CustomerActor> {
  redirect("/portal/signin");
}
