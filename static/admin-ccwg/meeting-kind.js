// The meeting page: rows that do not apply to the chosen kind of meeting are hidden, and
// shown again (their folded section opened) when the kind changes to one they apply to.
// Without this script the server folds them away by the stored kind.
"use strict";
(function () {
  const kind = document.getElementById("id_kind");
  const fieldsData = document.getElementById("kind-fields");
  if (!kind || !fieldsData) return;
  const fields = JSON.parse(fieldsData.textContent);
  const inlines = JSON.parse(document.getElementById("kind-inlines").textContent);

  function applies(kinds) {
    return !kind.value || kinds.includes(kind.value);
  }

  function update() {
    for (const [name, kinds] of Object.entries(fields)) {
      const row = document.querySelector(".form-row.field-" + name);
      if (!row) continue;
      const input = row.querySelector("input:not([type=hidden]), select, textarea");
      const filled = input && input.value && input.value !== "";
      const show = applies(kinds) || filled;
      row.hidden = !show;
      const folded = row.closest("details");
      if (show && applies(kinds) && kind.value && folded) folded.open = true;
    }
    for (const [prefix, kinds] of Object.entries(inlines)) {
      const group = document.getElementById(prefix + "-group");
      if (group) group.hidden = !applies(kinds) && !group.querySelector(".has_original");
    }
    for (const fieldset of document.querySelectorAll("fieldset.kind-where, fieldset.kind-other")) {
      const rows = fieldset.querySelectorAll(".form-row");
      fieldset.hidden = rows.length > 0 && [...rows].every((row) => row.hidden);
    }
  }

  kind.addEventListener("change", update);
  update();
})();
