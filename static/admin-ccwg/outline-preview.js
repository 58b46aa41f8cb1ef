// The meeting page's agenda outline, read as it is typed: a preview of the tree with its
// numbering beside the box, the lines whose numbering does not follow, and the agenda-item
// choices of statements and actions (new rows' templates included) following the outline in
// the agenda's order, so that an item typed a moment ago can be chosen before any save.
// The outline is read by the server's own parser (a staff-only JSON endpoint): one source of
// rules. Without this script the page works as before: the choices are those of the outline
// as last submitted, and the form reports the numbering problems on save.
"use strict";
(function () {
  const box = document.getElementById("id_agenda_outline");
  const urlData = document.getElementById("outline-preview-url");
  if (!box || !urlData) return;
  const url = JSON.parse(urlData.textContent);
  const form = box.form;
  const csrf = form && form.querySelector("input[name=csrfmiddlewaretoken]");

  const preview = document.createElement("div");
  preview.className = "outline-preview";
  preview.id = "outline-preview";
  preview.setAttribute("aria-live", "polite");
  const heading = document.createElement("p");
  heading.className = "outline-preview-heading";
  heading.textContent = "Preview of the agenda as it will be saved";
  preview.append(heading);
  const problems = document.createElement("ul");
  problems.className = "errorlist outline-problems";
  const tree = document.createElement("ol");
  tree.className = "outline-tree";
  preview.append(problems, tree);
  box.setAttribute("aria-describedby", [box.getAttribute("aria-describedby"), preview.id].filter(Boolean).join(" "));
  box.insertAdjacentElement("afterend", preview);
  const confirmRow = document.querySelector(".form-row.field-agenda_confirmed");

  function showPreview(data) {
    problems.replaceChildren();
    tree.replaceChildren();
    const messages = data.error ? [data.error] : data.problems || [];
    for (const problem of messages) {
      const entry = document.createElement("li");
      entry.textContent = problem.message;
      problems.append(entry);
    }
    for (const item of data.items || []) {
      const entry = document.createElement("li");
      entry.className = "depth-" + Math.min(item.depth, 7);
      const number = document.createElement("span");
      number.className = "outline-number";
      number.textContent = item.number + ".";
      entry.append(number, " " + item.title);
      tree.append(entry);
    }
    if (confirmRow) {
      const box = confirmRow.querySelector("input");
      confirmRow.hidden = !(data.problems && data.problems.length) && !(box && box.checked);
    }
    updateChoices(data.items || []);
  }

  function updateChoices(items) {
    for (const select of document.querySelectorAll("select.agenda-choice")) {
      const chosen = select.value;
      const options = [new Option("---------", "")];
      for (const item of items) {
        options.push(new Option(item.number + ". " + item.title, item.number));
      }
      select.replaceChildren(...options);
      // A row keeps its number: the item now at that number, as the save will read it.
      select.value = items.some((item) => item.number === chosen) ? chosen : "";
    }
  }

  let timer = null;
  let sent = 0;
  function read() {
    const body = new FormData();
    body.append("text", box.value);
    const mine = ++sent;
    fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: csrf ? { "X-CSRFToken": csrf.value } : {},
    })
      .then((response) => response.json())
      .then((data) => {
        if (mine === sent) showPreview(data);
      })
      .catch(() => {});
  }

  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(read, 250);
  });
  // A row added with "Add another" copies the template's choices, kept up to date above.
  read();
})();
