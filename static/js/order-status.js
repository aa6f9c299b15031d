// The order and pay pages follow the payment without a reload: poll the order's status (JSON)
// while it waits for payment, then show the new state. Also the copy button of a virtual
// account number. A static file: the CSP allows no inline script.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (navigator.clipboard) {
        navigator.clipboard.writeText(button.dataset.copy).then(function () {
          button.textContent = button.dataset.copied;
        });
      }
    });
  });
  var live = document.getElementById("order-live");
  if (!live || !live.dataset.statusUrl) {
    return;
  }
  var delay = 3000;
  function show(state) {
    var label = document.getElementById("order-status");
    if (label) {
      label.textContent = state.label;
    }
    live.dataset.state = state.status;
    live.querySelectorAll("[data-pending-only]").forEach(function (el) { el.hidden = true; });
    live.querySelectorAll("[data-paid-only]").forEach(function (el) {
      el.hidden = !state.paid;
    });
  }
  function poll() {
    fetch(live.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && !state.pending) {
          show(state);
          return;
        }
        delay = Math.min(delay * 1.2, 15000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 15000); });
  }
  window.setTimeout(poll, delay);
})();
