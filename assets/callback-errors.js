/* A Dash callback that fails changes nothing on the page, and Dash's renderer says nothing
   outside debug mode. The user must know: a session that ran out (401), a database that
   cannot be reached (503), an error on the server, or no connection at all. The message
   sits in a live region (role="alert"), in Danish, until a callback succeeds again. */
(function () {
  "use strict";
  var CALLBACK = "/_dash-update-component";
  var original = window.fetch;

  function banner() {
    var el = document.getElementById("callback-fejl");
    if (!el) {
      el = document.createElement("div");
      el.id = "callback-fejl";
      el.className = "alert alert-danger callback-fejl";
      el.setAttribute("role", "alert");
      el.hidden = true;
      document.body.appendChild(el);
    }
    return el;
  }

  function show(text, link) {
    var el = banner();
    el.textContent = text + " ";
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      a.className = "alert-link";
      el.appendChild(a);
    }
    el.hidden = false;
  }

  function hide() {
    var el = document.getElementById("callback-fejl");
    if (el) el.hidden = true;
  }

  function loginLink() {
    var here = window.location.pathname + window.location.search;
    return { href: "/login?next=" + encodeURIComponent(here), text: "Log ind igen" };
  }

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var result = original.apply(this, arguments);
    if (url.indexOf(CALLBACK) === -1) return result;
    return result.then(
      function (response) {
        if (response.status === 401) {
          show("Du er ikke længere logget ind, så intet blev hentet eller gemt.", loginLink());
        } else if (response.status === 503) {
          show("Databasen kan ikke nås lige nu. Prøv igen om lidt.");
        } else if (response.status >= 500) {
          show("Der opstod en fejl på serveren. Prøv igen, eller genindlæs siden.");
        } else if (response.ok) {
          hide();
        }
        return response;
      },
      function (error) {
        show("Forbindelsen til serveren svigtede. Prøv igen om lidt.");
        throw error;
      }
    );
  };
})();
