// Share buttons (templates/sharing/_tags.html): copy the link, or open the phone's share sheet.
// Static, loaded with defer; nothing inline, so the CSP needs no nonce for it.
(function () {
  "use strict";
  document.querySelectorAll(".share[data-share-url]").forEach(function (box) {
    var url = box.getAttribute("data-share-url");
    var title = box.getAttribute("data-share-title");
    var status = box.querySelector(".share-status");
    var copy = box.querySelector("[data-share-copy]");
    var native = box.querySelector("[data-share-native]");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          if (status) { status.textContent = status.getAttribute("data-copied"); }
        });
      });
    }
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
  });
})();
