// What a person is told when a download is refused, for every reason the download path gives
// (lib/downloads/serve-download and the portal's click authorization): what happened and what to
// do. Readable portal pages use it; API clients keep the problem+json. Pure.
export interface RefusalText {
  title: string;
  body: string;
  // Offer to start the same download again (the refusal was about the link, not the license).
  retry: boolean;
}

const CONTACT_VENDOR =
  "Contact your vendor to renew or reinstate it. Installations you already run keep working.";

const TEXTS: Record<string, RefusalText> = {
  url_expired: {
    title: "This download link has expired",
    body: "Download links are signed when you click them and stay valid for a few minutes. Start the download again.",
    retry: true,
  },
  bad_signature: {
    title: "This download link is not valid",
    body: "The link was changed or cut off. Start the download from your Downloads page.",
    retry: false,
  },
  malformed_url: {
    title: "This download link is not valid",
    body: "The link was changed or cut off. Start the download from your Downloads page.",
    retry: false,
  },
  wrong_customer: {
    title: "This link belongs to another organisation",
    body: "Download links work only for the organisation they were made for. Use the Downloads page of your own account.",
    retry: false,
  },
  license_expired: {
    title: "Your license has expired",
    body: `This download needs a current license. ${CONTACT_VENDOR}`,
    retry: false,
  },
  license_suspended: {
    title: "Your license is suspended",
    body: `Downloads are paused while the license is suspended. ${CONTACT_VENDOR}`,
    retry: false,
  },
  license_revoked: {
    title: "Your license was revoked",
    body: "Downloads are no longer available under this license. Contact your vendor.",
    retry: false,
  },
  release_yanked: {
    title: "This release was withdrawn",
    body: "The vendor withdrew this build. Download the current version from your Downloads page.",
    retry: false,
  },
  rate_limited: {
    title: "Too many downloads at once",
    body: "Wait a minute, then start the download again.",
    retry: true,
  },
};

const UNAVAILABLE: RefusalText = {
  title: "This download is not available",
  body: "It does not exist or is not available to your organisation. Your Downloads page lists everything your licenses include.",
  retry: false,
};

export function refusalText(reason: string | null | undefined): RefusalText {
  return (reason && TEXTS[reason]) || UNAVAILABLE;
}

export const KNOWN_REFUSALS = Object.keys(TEXTS);
