import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page";

// A miss inside the staff portal (an unknown id, another tenant's record, an unknown address)
// is shown within the portal's navigation, so the way back is one click.
export default function AdminNotFound() {
  return (
    <>
      <PageHeader
        title="Not found"
        description="There is nothing at this address: it may have been deleted, or the link is wrong."
      />
      <Link href="/admin" className={buttonClass("secondary")}>
        Back to the overview
      </Link>
    </>
  );
}
