/**
 * Which links the desktop app hands to the system browser: https only, to hosts on a short
 * allow-list (documentation of the methods Mixwell follows). Anything else — file:, javascript:,
 * custom protocols that launch other programs, http, other hosts — is refused, so a crafted
 * link in a result or project can never make the OS run something.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  "cran.r-project.org",
  "www.r-project.org",
  "github.com",
  "doi.org",
  "www.jstatsoft.org",
];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === "https:" && url.username === "" && url.password === "" && url.port === "" && EXTERNAL_HOSTS.includes(url.hostname);
}

/**
 * Navigation inside the window: only our own page (no redirects or links to anything else).
 * `isOurPage` decides; this is here so that will-navigate and will-redirect share one rule.
 */
export function navigationAllowed(url: string, isOurPage: (url: string) => boolean): boolean {
  return isOurPage(url);
}
