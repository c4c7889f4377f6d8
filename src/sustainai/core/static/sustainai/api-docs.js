// The API documentation: Swagger UI titles the page with an h1, each group of operations with an
// h3, an operation's parameters and responses with h4s, the schemas with an h4. Screen readers get
// them as levels 2, 3 and 2, so that the outline skips no level; a parameter's list of values is
// named after the parameter. Swagger UI redraws as a reader opens sections: watched.
(function () {
  function setAttribute(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
  function fix() {
    document.querySelectorAll("#swagger-ui h3.opblock-tag, #swagger-ui section.models > h4").forEach(function (heading) {
      setAttribute(heading, "aria-level", "2");
    });
    document.querySelectorAll("#swagger-ui .opblock h4").forEach(function (heading) {
      setAttribute(heading, "aria-level", "3");
    });
    document.querySelectorAll("#swagger-ui tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").getAttribute("data-param-name"));
    });
  }
  fix();
  new MutationObserver(fix).observe(document.getElementById("swagger-ui"), { childList: true, subtree: true });
})();
