// Small progressive enhancements; every page works without this file.
(function () {
  var shownAt = Date.now();

  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  }

  function reviewKeys(event) {
    var card = document.getElementById("flashcard");
    if (!card) return false;
    var reveal = document.getElementById("reveal");
    if (event.key === " " || event.code === "Space") {
      event.preventDefault();
      if (reveal && !reveal.open) reveal.open = true;
      return true;
    }
    if (/^[1-4]$/.test(event.key) && reveal && reveal.open) {
      var form = document.getElementById("rate-form");
      var button = form && form.querySelector("button[value='" + event.key + "']");
      if (button) {
        event.preventDefault();
        form.querySelector("input[name=duration_ms]").value = String(Date.now() - shownAt);
        button.click();
        return true;
      }
    }
    return false;
  }

  function quizKeys(event) {
    if (/^[1-4]$/.test(event.key)) {
      var radio = document.querySelector("input[type=radio][data-key='" + event.key + "']");
      if (radio) { event.preventDefault(); radio.checked = true; radio.form.requestSubmit(); return true; }
    }
    if (event.key === "Enter") {
      var next = document.getElementById("next");
      if (next) { event.preventDefault(); next.click(); return true; }
    }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (reviewKeys(event) || quizKeys(event)) return;
    if (event.key === "u" || event.key === "U") {
      var undo = document.getElementById("undo-form");
      if (undo) { event.preventDefault(); undo.requestSubmit(); }
    } else if (event.key === "/") {
      var search = document.querySelector("[data-hotkey='/']");
      if (search) { event.preventDefault(); search.focus(); }
    } else if (event.key === "r") {
      var reveal = document.getElementById("reveal");
      if (reveal && !document.getElementById("flashcard")) { reveal.open = !reveal.open; }
    }
  });
})();

// The mock interview's countdown; the server keeps the real clock, this only shows it.
(function () {
  var timer = document.getElementById("timer");
  if (!timer) return;
  var left = parseInt(timer.getAttribute("data-seconds-left"), 10);
  var started = Date.now();
  function tick() {
    var now = left - Math.floor((Date.now() - started) / 1000);
    if (now < 0) {
      timer.textContent = "time is up — answers now count as late";
      timer.className = "late";
      return;
    }
    var s = now % 60;
    timer.textContent = Math.floor(now / 60) + ":" + (s < 10 ? "0" : "") + s + " left";
    setTimeout(tick, 1000);
  }
  tick();
})();
