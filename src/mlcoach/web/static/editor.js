// A textarea that behaves like a small code editor: Tab / Shift+Tab indent and dedent (also a selected
// block of lines), Enter keeps the indentation (one level more after a Python line ending in ":"),
// Backspace in leading spaces removes one level, Ctrl+Enter runs the samples. Esc, then Tab, leaves the
// editor so keyboard users are never trapped. Without this file the textarea still works.
(function () {
  var INDENT = "    ";

  function lineStart(value, pos) { return value.lastIndexOf("\n", pos - 1) + 1; }

  function replace(area, start, end, text, selStart, selEnd) {
    area.setRangeText(text, start, end, "end");
    area.selectionStart = selStart;
    area.selectionEnd = selEnd;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function indentBlock(area, outdent) {
    var v = area.value, s = area.selectionStart, e = area.selectionEnd;
    var from = lineStart(v, s);
    var to = (e > s && v[e - 1] === "\n") ? e - 1 : e;
    var lines = v.slice(from, to).split("\n");
    var firstShift = 0, total = 0;
    var out = lines.map(function (line, i) {
      if (!outdent) { total += INDENT.length; if (i === 0) firstShift = INDENT.length; return INDENT + line; }
      var n = 0;
      while (n < INDENT.length && line[n] === " ") n++;
      total -= n; if (i === 0) firstShift = -n;
      return line.slice(n);
    }).join("\n");
    replace(area, from, to, out, Math.max(from, s + firstShift), Math.max(from, e + total));
  }

  function onKey(event) {
    var area = event.target;
    if (event.key === "Escape") { area.dataset.escaped = "1"; return; }
    if (event.key === "Tab") {
      if (area.dataset.escaped === "1") { delete area.dataset.escaped; return; }
      event.preventDefault();
      if (event.shiftKey || area.selectionStart !== area.selectionEnd) {
        indentBlock(area, event.shiftKey);
      } else {
        var p = area.selectionStart;
        replace(area, p, p, INDENT, p + INDENT.length, p + INDENT.length);
      }
      return;
    }
    delete area.dataset.escaped;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      var run = document.getElementById("run");
      if (run) run.click();
      return;
    }
    if (event.key === "Enter" && !event.shiftKey && !event.altKey) {
      var v = area.value, s = area.selectionStart;
      var current = v.slice(lineStart(v, s), s);
      var indent = (current.match(/^[ \t]*/) || [""])[0];
      if (area.dataset.editor === "python" && /:\s*(#.*)?$/.test(current)) indent += INDENT;
      event.preventDefault();
      var text = "\n" + indent;
      replace(area, s, area.selectionEnd, text, s + text.length, s + text.length);
      return;
    }
    if (event.key === "Backspace" && area.selectionStart === area.selectionEnd) {
      var val = area.value, pos = area.selectionStart, start = lineStart(val, pos);
      var before = val.slice(start, pos);
      if (before.length > 0 && /^ +$/.test(before)) {
        var drop = before.length % INDENT.length || INDENT.length;
        event.preventDefault();
        replace(area, pos - drop, pos, "", pos - drop, pos - drop);
      }
    }
  }

  document.querySelectorAll("textarea[data-editor]").forEach(function (area) {
    area.addEventListener("keydown", onKey);
  });
})();
