/* Shrinks big photos in the browser before they are sent, so a maker on a slow phone uploads a
   few hundred kilobytes instead of several megabytes. For every <input type="file" data-resize="N">:
   each chosen image wider or taller than N pixels is drawn on a canvas at most N pixels on its
   long side and replaced by a JPEG. Where the browser cannot (no canvas, no DataTransfer, a HEIC
   it cannot decode), the original file is sent and the server resizes it. */
(function () {
  "use strict";
  if (!window.HTMLCanvasElement || !window.DataTransfer || !window.URL || !URL.createObjectURL) {
    return;
  }

  function load(file) {
    return new Promise(function (resolve, reject) {
      var image = new Image();
      var url = URL.createObjectURL(file);
      image.onload = function () { URL.revokeObjectURL(url); resolve(image); };
      image.onerror = function () { URL.revokeObjectURL(url); reject(new Error("not decodable")); };
      image.src = url;
    });
  }

  function shrink(file, limit) {
    if (!/^image\//.test(file.type) || file.type === "image/gif") {
      return Promise.resolve(file);
    }
    return load(file).then(function (image) {
      var longest = Math.max(image.naturalWidth, image.naturalHeight);
      if (!longest || longest <= limit) {
        return file;
      }
      var scale = limit / longest;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(image.naturalWidth * scale);
      canvas.height = Math.round(image.naturalHeight * scale);
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) {
            resolve(file);
            return;
          }
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg", lastModified: Date.now() }));
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  function onChange(event) {
    var input = event.target;
    var limit = parseInt(input.getAttribute("data-resize"), 10) || 2000;
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length || input.dataset.resizing === "1") {
      return;
    }
    var form = input.form;
    var buttons = form ? form.querySelectorAll("button, input[type=submit]") : [];
    input.dataset.resizing = "1";
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    Promise.all(files.map(function (f) { return shrink(f, limit); })).then(function (shrunk) {
      var transfer = new DataTransfer();
      shrunk.forEach(function (f) { transfer.items.add(f); });
      input.files = transfer.files;
    }).finally(function () {
      input.dataset.resizing = "";
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[type=file][data-resize]")) {
      onChange(event);
    }
  });
})();
