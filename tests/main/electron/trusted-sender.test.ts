import { test } from "node:test";
import assert from "node:assert/strict";
import { isTrustedSender } from "../../../main/electron/trusted-sender";

const index = "file:///opt/Mixwell/resources/app.asar/dist/renderer/index.html";

test("calls from our page's main frame are answered", () => {
  assert.equal(isTrustedSender({ frameUrl: index, isMainFrame: true }, index), true);
  assert.equal(isTrustedSender({ frameUrl: `${index}#results`, isMainFrame: true }, index), true);
});

test("foreign senders are refused: other pages, iframes, vanished frames", () => {
  assert.equal(isTrustedSender({ frameUrl: "https://evil.example/", isMainFrame: true }, index), false);
  assert.equal(isTrustedSender({ frameUrl: "file:///tmp/index.html", isMainFrame: true }, index), false);
  assert.equal(isTrustedSender({ frameUrl: index, isMainFrame: false }, index), false);
  assert.equal(isTrustedSender({ frameUrl: undefined, isMainFrame: true }, index), false);
  assert.equal(isTrustedSender({ frameUrl: `${index}.evil`, isMainFrame: true }, index), false);
});
