import { notFound } from "next/navigation";

// An unknown address under /admin: answered by app/admin/not-found.tsx inside the portal's
// layout (which signs the visitor in first), not by the bare root 404.
export default function UnknownAdminPage() {
  notFound();
}
