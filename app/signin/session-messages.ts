// Why someone is back on a sign-in page.
export const SESSION_END_MESSAGES: Record<string, { title: string; body: string }> = {
  expired: {
    title: "Your session expired",
    body: "Sessions end after a period of inactivity and after a maximum lifetime. Sign in again to continue.",
  },
  revoked: {
    title: "Your session has ended",
    body: "You signed out, signed out everywhere, or an administrator ended your sessions.",
  },
  suspended: { title: "Your account is suspended", body: "Contact a Tollgate administrator." },
  signed_out: { title: "You are signed out", body: "Your session has been ended on this device." },
  signed_out_everywhere: {
    title: "You are signed out everywhere",
    body: "Every session of your account has been ended.",
  },
};
