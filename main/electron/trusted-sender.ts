/**
 * Whether an IPC call may be answered: it must come from the main frame (not an iframe) of a page
 * that is Mixwell's own index.html. Kept free of Electron imports so it is unit-tested.
 */
export interface SenderInfo {
  /** URL of the frame that sent the call; undefined when the frame is gone. */
  readonly frameUrl: string | undefined;
  readonly isMainFrame: boolean;
}

export function isOwnPage(url: string, indexUrl: string): boolean {
  return url.split(/[?#]/)[0] === indexUrl;
}

export function isTrustedSender(sender: SenderInfo, indexUrl: string): boolean {
  return sender.isMainFrame && sender.frameUrl !== undefined && isOwnPage(sender.frameUrl, indexUrl);
}
