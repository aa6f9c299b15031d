/* The catalog's filters fold behind one button on a phone (a <details>); on a wide screen there
   is room for them, so the fold is opened (and its button hidden by the stylesheet). */
(function () {
  "use strict";
  var folds = document.querySelectorAll("details[data-open-wide]");
  Array.prototype.forEach.call(folds, function (fold) {
    var wide = window.matchMedia("(min-width: " + fold.getAttribute("data-open-wide") + ")");
    function apply() {
      if (wide.matches) {
        fold.open = true;
        fold.classList.add("is-wide");
      } else {
        fold.classList.remove("is-wide");
      }
    }
    apply();
    if (wide.addEventListener) {
      wide.addEventListener("change", apply);
    }
  });
})();
