// The buy box's options (templates/catalog/_buy_box.html): choosing one that has a photo shows
// that photo as the main image, in the first place of the gallery (the main image moves to the
// chosen photo's place, so each photo is still shown once). Without this script nothing is lost:
// the "photo" link beside the option opens it. Static, loaded with defer; nothing inline, so the
// cached guest page needs no CSP nonce.
(function () {
  "use strict";
  var gallery = document.querySelector(".gallery[data-option-photos]");
  var choice = document.querySelector(".variant-choice");
  if (!gallery || !choice) {
    return;
  }
  var ATTRIBUTES = ["src", "srcset", "sizes", "width", "height", "alt"];
  var figures = gallery.querySelectorAll("figure[data-photo-id]");
  var images = [];
  var ids = [];
  var originals = [];
  Array.prototype.forEach.call(figures, function (figure) {
    var image = figure.querySelector("img");
    if (!image) {
      return;
    }
    var saved = {};
    ATTRIBUTES.forEach(function (name) {
      saved[name] = image.getAttribute(name);
    });
    images.push(image);
    ids.push(figure.getAttribute("data-photo-id"));
    originals.push(saved);
  });
  if (!images.length) {
    return;
  }

  function put(image, values) {
    ATTRIBUTES.forEach(function (name) {
      if (values[name] === null) {
        image.removeAttribute(name);
      } else {
        image.setAttribute(name, values[name]);
      }
    });
  }

  function show(photoId) {
    var index = photoId ? ids.indexOf(photoId) : -1;
    images.forEach(function (image, i) {
      put(image, originals[i]);
    });
    if (index > 0) {
      put(images[0], originals[index]);
      put(images[index], originals[0]);
      gallery.scrollLeft = 0; // on a phone the gallery scrolls sideways: the main image in view
    }
  }

  choice.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.name === "variant_id") {
      show(input.getAttribute("data-photo-id"));
    }
  });
  // An option the browser kept checked (back button, reload) shows its photo too.
  var checked = choice.querySelector("input[name=variant_id]:checked");
  if (checked) {
    show(checked.getAttribute("data-photo-id"));
  }
})();
