// camunda-hub console: progressive enhancements only; every page works without this script.
"use strict";

(function () {
  // The secret page is the answer to a POST. Swap its history entry for the client's own page,
  // so reload and back load that page (without the secret) instead of resending the form.
  var replaceUrl = document.body.getAttribute("data-replace-url");
  if (replaceUrl && window.history && history.replaceState) {
    history.replaceState(null, "", replaceUrl);
  }

  // Setup and invitation links carry their token in the URL fragment (never sent to a server):
  // move it into the form and drop it from the address bar.
  var tokenInput = document.querySelector("[data-from-fragment]");
  if (tokenInput && location.hash.length > 1) {
    tokenInput.value = decodeURIComponent(location.hash.slice(1));
    history.replaceState(null, "", location.pathname + location.search);
  }

  function announce(text) {
    var status = document.getElementById("copy-status");
    if (status) { status.textContent = text; }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      var text = source.textContent.trim();
      var label = button.getAttribute("aria-describedby");
      var what = label ? document.getElementById(label).textContent : "Text";
      var done = function () { announce(what + " copied to the clipboard."); };
      var failed = function () {
        if (fallbackCopy(text)) { done(); } else { announce("Copying failed: select the text and copy it by hand."); }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        failed();
      }
    });
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
