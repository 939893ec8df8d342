// Small progressive enhancements; every page works without this file.
(function () {
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
    if (event.key === "/") {
      var search = document.querySelector("[data-hotkey='/']");
      if (search) { event.preventDefault(); search.focus(); }
    } else if (event.key === "r") {
      var reveal = document.getElementById("reveal");
      if (reveal) { reveal.open = !reveal.open; }
    }
  });
})();
