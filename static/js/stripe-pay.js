// Card payment with Stripe.js ("finalize on the server"): the card element collects the card,
// the server creates and confirms the PaymentIntent, and if the bank asks for 3-D Secure this
// page runs that step with the client secret. The order page then shows what the database says.
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  if (!form) {
    return;
  }
  var button = document.getElementById("pay-button");
  var errors = document.getElementById("card-errors");
  var csrf = form.querySelector("input[name=csrf_token]");
  var data = form.dataset;

  function fail(message) {
    errors.textContent = message || data.msgFailed;
    errors.hidden = false;
    button.disabled = false;
  }

  if (typeof window.Stripe !== "function") {
    fail(data.msgNetwork);
    button.disabled = true;
    return;
  }
  var stripe = window.Stripe(data.key, { locale: data.locale });
  var card = stripe.elements().create("card");
  card.mount("#card-element");

  // Stripe.js makes a PaymentMethod; the emulator used in tests only makes tokens.
  async function cardId() {
    var result = await stripe.createPaymentMethod({ type: "card", card: card });
    if (result && result.paymentMethod) {
      return result.paymentMethod.id;
    }
    if (result && result.error) {
      throw result.error;
    }
    result = await stripe.createToken(card);
    if (result && result.token) {
      return result.token.id;
    }
    throw (result && result.error) || new Error("card");
  }

  async function post(url, fields) {
    var response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": csrf ? csrf.value : "",
      },
      body: new URLSearchParams(fields),
    });
    var body = await response.json().catch(function () {
      return {};
    });
    return body;
  }

  async function pay() {
    var id;
    try {
      id = await cardId();
    } catch (error) {
      // Stripe's own errors (a wrong card number...) come translated; anything else does not.
      return fail(error && error.type ? error.message : data.msgFailed);
    }
    var answer = await post(form.action, { payment_method: id });
    if (answer.requires_action) {
      var auth = await stripe.confirmCardPayment(answer.client_secret);
      var intent = auth && auth.paymentIntent;
      if (auth.error || !intent || intent.status !== "succeeded") {
        return fail(data.msgAuth);
      }
      answer = await post(data.doneUrl, {});
    }
    if (answer.redirect) {
      window.location.assign(answer.redirect);
      return;
    }
    fail(answer.message);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    errors.hidden = true;
    pay().catch(function () {
      fail(data.msgNetwork);
    });
  });
})();
