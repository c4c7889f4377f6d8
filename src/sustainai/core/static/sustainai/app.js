// Remember the visitor's time zone so that the server renders dates in it.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + encodeURIComponent(zone)) === -1) {
      document.cookie = "tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
    }
  } catch (e) { /* no Intl: dates stay in UTC */ }
})();

// Selects marked data-submit-on-change (the language switch) send their form when changed; no
// inline handler, which the Content-Security-Policy would block.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change")) {
    target.form.submit();
  }
});

// The country picker (core/widgets.py). The countries not chosen arrive as the text of a
// <noscript> (ordinary checkboxes when JavaScript is off); they become checkboxes when the picker
// is first opened or typed in, so that a form does not carry ~500 elements nobody looks at.
function showAllCountries(picker) {
  var rest = picker.querySelector("noscript[data-country-rest]");
  if (!rest) return;
  rest.insertAdjacentHTML("beforebegin", rest.textContent);
  rest.remove();
}
document.addEventListener("toggle", function (event) {
  var picker = event.target;
  if (picker instanceof HTMLDetailsElement && picker.open && picker.hasAttribute("data-country-picker")) {
    showAllCountries(picker);
  }
}, true);
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-country-picker][open]").forEach(showAllCountries);
});
// Its text box filters the list of countries as one types. Without JavaScript the box still
// works: the names typed in it are read on the server.
document.addEventListener("input", function (event) {
  var box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.hasAttribute("data-country-filter")) return;
  var words = box.value.split(/[,;]/);
  var query = words[words.length - 1].trim().toLocaleLowerCase();
  var picker = box.closest("[data-country-picker]");
  showAllCountries(picker);
  picker.querySelectorAll(".country-options label").forEach(function (label) {
    label.hidden = query !== "" && label.textContent.toLocaleLowerCase().indexOf(query) === -1;
  });
});
// Ticking a country found by filtering takes the filter's word out of the box (it would otherwise
// be sent as a name to read) and shows the whole list again.
document.addEventListener("change", function (event) {
  var box = event.target;
  var picker = box instanceof HTMLInputElement && box.type === "checkbox" && box.closest("[data-country-picker]");
  if (!picker) return;
  var filter = picker.querySelector("[data-country-filter]");
  var words = filter.value.split(/[,;]/);
  words.pop();
  filter.value = words.length ? words.join(",") + ", " : "";
  picker.querySelectorAll(".country-options label").forEach(function (label) { label.hidden = false; });
  var summary = picker.querySelector("summary");
  var chosen = Array.prototype.map.call(picker.querySelectorAll(".country-options input:checked"), function (input) {
    return input.parentElement.textContent.trim();
  });
  if (chosen.length) summary.textContent = chosen.join(", ");
});
