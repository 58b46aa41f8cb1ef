// The meeting page by keyboard and on a phone:
// - after "Add another …", focus goes to the new row's first field (not left on the link,
//   below the row);
// - after a refused save, focus goes to the first field in error (or the error note), not
//   to the top of the page;
// - the icon links beside related fields (change, add, view) are left out of the tab order:
//   they stay a click away, and Tab goes from field to field;
// - each cell of an inline table carries its column's name (data-label), which the phone
//   layout shows when the rows stack as cards (meeting.css).
"use strict";
(function () {
  const FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

  function quietIcons(root) {
    for (const link of root.querySelectorAll("a.related-widget-wrapper-link")) {
      link.tabIndex = -1;
    }
  }

  function labelCells(root) {
    for (const table of root.querySelectorAll(".inline-group .tabular table")) {
      const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      for (const row of table.querySelectorAll("tbody tr.form-row")) {
        [...row.children].forEach((cell, index) => {
          if (names[index]) cell.dataset.label = names[index];
        });
      }
    }
  }

  function firstField(container) {
    return [...container.querySelectorAll(FIELDS)].find((field) => field.offsetParent !== null);
  }

  document.addEventListener("formset:added", (event) => {
    const row = event.target;
    quietIcons(row);
    labelCells(row.closest(".inline-group") || document);
    const field = firstField(row);
    if (field) field.focus();
  });

  quietIcons(document);
  labelCells(document);

  // After a refused save: the first field in error, else the note that says what went wrong.
  const note = document.querySelector(".errornote, .messagelist .error");
  if (!note) return;
  const errors = document.querySelector("#content-main .errorlist");
  let target = [...document.querySelectorAll("#content-main [aria-invalid=true]")].find(
    (field) => field.offsetParent !== null,
  );
  if (!target && errors) {
    const holder = errors.closest(".form-row, tr, .inline-related, td, fieldset");
    const next = errors.closest("tr.row-form-errors")?.nextElementSibling;
    target = firstField(next || holder || errors.parentElement);
  }
  if (!target) {
    note.tabIndex = -1;
    target = note;
  }
  target.focus();
  target.scrollIntoView({ block: "center" });
})();
