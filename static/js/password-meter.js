/*
 * Password meter and "Tampilkan Sandi" toggle. No dependencies; safe to include on any page.
 *
 *   <input type="password" id="password" name="password">
 *   <div data-strength-for="password"></div>          <- 3 dots, label, unmet rules
 *   <input type="checkbox" data-toggle-password="password"> Tampilkan Sandi
 *
 * strength() makes app/passwords.py strength()'s comparisons (code-point length) on the lengths,
 * messages and labels the page hands over from there in the reader's language
 * (script_texts('password'), read through texts.js). Only length counts: no composition
 * rules. The server additionally refuses common passwords and ones containing the NIK or
 * e-mail, which this script cannot know.
 * Events are delegated from document, so forms swapped in by htmx work without re-binding.
 */
(function () {
  "use strict";

  var t = window.eptspTexts("password");
  var MIN_LENGTH = t("min_length");
  var MAX_LENGTH = t("max_length");
  var STRONG_LENGTH = t("strong_length");
  var NEARLY_LENGTH = t("nearly_length");
  var LABELS = t("labels");
  var COLOURS = ["text-danger", "text-danger", "text-warning", "text-success"];

  function chars(password) {
    return Array.from(password || ""); // code points, as Python's len()
  }

  function ruleProblems(password) {
    var n = chars(password).length;
    var problems = [];
    if (n < MIN_LENGTH) problems.push(t("too_short"));
    if (n > MAX_LENGTH) problems.push(t("too_long"));
    return problems;
  }

  function strength(password) {
    var n = chars(password).length;
    if (n < NEARLY_LENGTH) return 0;
    if (ruleProblems(password).length) return 1;
    return n >= STRONG_LENGTH ? 3 : 2;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function metersFor(id) {
    var esc = window.CSS && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, "\\$&");
    return document.querySelectorAll('[data-strength-for="' + esc + '"]');
  }

  function render(meter, password) {
    meter.setAttribute("aria-live", "polite");
    meter.textContent = "";
    if (!password) {
      meter.removeAttribute("data-strength");
      return;
    }
    var score = strength(password);

    var line = document.createElement("div");
    line.className = "pw-meter small " + COLOURS[score];
    for (var i = 0; i < 3; i++) {
      var dot = document.createElement("span");
      dot.className = "pw-dot" + (i < score ? " pw-dot-on" : "");
      dot.setAttribute("aria-hidden", "true");
      dot.textContent = i < score ? "\u25CF" : "\u25CB"; // filled / empty circle
      line.appendChild(dot);
    }
    var label = document.createElement("span");
    label.className = "pw-label ms-1";
    label.textContent = t("strength", { label: LABELS[score] });
    line.appendChild(label);
    meter.appendChild(line);

    var problems = ruleProblems(password);
    if (problems.length) {
      var list = document.createElement("ul");
      list.className = "pw-problems small text-danger mb-0";
      problems.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      meter.appendChild(list);
    }
    meter.setAttribute("data-strength", String(score));
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || !input.id) return;
    metersFor(input.id).forEach(function (meter) {
      render(meter, input.value);
    });
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box || !box.matches || !box.matches("[data-toggle-password]")) return;
    var input = byId(box.getAttribute("data-toggle-password"));
    if (input) input.type = box.checked ? "text" : "password";
  });

  window.EptspPassword = { strength: strength, problems: ruleProblems };
})();
