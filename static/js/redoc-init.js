/* Starts Redoc on /api/redoc/ with the schema URL the page names, passing the page's CSP nonce
   so the <style> elements Redoc adds are allowed (no 'unsafe-inline'). */
(function () {
  "use strict";
  var container = document.getElementById("redoc-container");
  var nonce = document.currentScript ? document.currentScript.nonce : undefined;
  window.Redoc.init(container.getAttribute("data-spec-url"), { nonce: nonce }, container);
})();
