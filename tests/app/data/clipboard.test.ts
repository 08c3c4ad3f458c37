import { test } from "node:test";
import assert from "node:assert/strict";
import { applyEdit, cellText, copyBlock, formatClipboard, parseClipboard, parseCsv, pasteOp } from "../../../app/data";

test("Excel's clipboard: tabs, CRLF, a trailing newline, a quoted cell with a tab", () => {
  assert.deepEqual(parseClipboard('1\t"a\tb"\r\n2\tc\r\n'), [["1", "a\tb"], ["2", "c"]]);
  assert.deepEqual(parseClipboard("x"), [["x"]]);
  assert.equal(formatClipboard([["1", null], ['say "hi"', "a\tb"]]), '1\t\n"say ""hi"""\t"a\tb"\n');
});

test("a pasted block follows the display order and adds rows past the end", () => {
  const t = parseCsv("a,b\n1,x\n2,y\n3,z\n");
  // Display order: sorted descending by a → stored rows 2, 1, 0.
  const { op, rowsAdded, columnsDropped } = pasteOp(t, [["10", "p", "extra"], ["20", "q"], ["30", "r"]], [2, 1, 0], 1, 0);
  assert.equal(rowsAdded, 1);
  assert.equal(columnsDropped, 1);
  const after = applyEdit(t, op).table;
  assert.equal(after.nrow, 4);
  assert.deepEqual(copyBlock(after, [0, 1, 2, 3], [0, 1]), [["20", "q"], ["10", "p"], ["3", "z"], ["30", "r"]]);
  assert.equal(cellText(after.columns[0]!, 3), "30");
});
