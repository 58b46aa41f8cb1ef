/* The report page's "Print" link: the browser's print
   dialog, with the print stylesheet of report.css. A static file, so the page needs no inline
   script under the Content-Security-Policy. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });
})();
