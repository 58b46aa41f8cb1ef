// The meeting page: the participant list is checked as it is typed (and an uploaded Zoom or
// Webex attendance report read into it), so that the people not on record are offered
// under "Create these people" before saving, not after a refused save. The server checks
// the list again on save; without this script the page works as before.
"use strict";
(function () {
  const box = document.getElementById("id_participants");
  if (!box || !box.dataset.previewUrl) return;
  const form = box.form;
  const upload = document.getElementById("id_attendance_report");
  const ticks = document.getElementById("id_create_people");
  const summary = document.createElement("p");
  summary.className = "participant-preview";
  summary.id = "participant-preview";
  summary.setAttribute("aria-live", "polite");
  box.insertAdjacentElement("afterend", summary);
  box.setAttribute("aria-describedby", [box.getAttribute("aria-describedby"), summary.id].filter(Boolean).join(" "));

  const DELAY = 400;
  let timer = null;
  let asked = 0;

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function describe(data) {
    if (data.error) return data.error;
    const counts = { matched: 0, new: 0, ambiguous: 0 };
    const status = { present: 0, apologies: 0, absent: 0 };
    for (const entry of data.entries) {
      counts[entry.match] += 1;
      status[entry.status] += 1;
    }
    const parts = [
      plural(status.present, "present", "present"),
      plural(status.apologies, "apology", "apologies"),
      status.absent + " absent",
      counts.matched + " on record",
    ];
    if (counts.new) parts.push(plural(counts.new, "new person: tick to create", "new people: tick those to create"));
    for (const entry of data.entries) {
      if (entry.match === "ambiguous") {
        parts.push("line " + entry.line + ": “" + entry.name + "” fits " + entry.candidates.join("; ") + " (add the e-mail address)");
      }
    }
    return (data.report ? data.report + ". " : "") + parts.join(", ") + ".";
  }

  function showTicks(choices) {
    if (!ticks) return;
    const kept = new Set([...ticks.querySelectorAll("input:checked")].map((input) => input.value));
    ticks.replaceChildren();
    choices.forEach(([value, label], index) => {
      const row = document.createElement("div");
      const tag = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox";
      input.name = ticks.id.replace(/^id_/, "");
      input.value = value;
      input.id = ticks.id + "_" + index;
      input.checked = kept.has(value);
      tag.htmlFor = input.id;
      tag.append(input, " " + label);
      row.append(tag);
      ticks.append(row);
    });
  }

  async function check(withFile) {
    const ask = ++asked;
    const body = new FormData();
    body.append("participants", box.value);
    if (withFile && upload && upload.files.length) body.append("attendance_report", upload.files[0]);
    const token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    let data;
    try {
      const response = await fetch(box.dataset.previewUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: token ? { "X-CSRFToken": token.value } : {},
      });
      data = await response.json();
    } catch (error) {
      summary.textContent = "";  // the save still checks the list
      return;
    }
    if (ask !== asked) return;  // a later check is on its way
    if (data.field === "attendance_report") {
      summary.textContent = "Attendance report: " + data.error;
      summary.classList.add("errornote");
      return;
    }
    summary.classList.toggle("errornote", Boolean(data.error));
    if (withFile && typeof data.text === "string") {
      box.value = data.text;
      upload.value = "";  // read into the list: not sent again
    }
    summary.textContent = describe(data);
    if (!data.error) showTicks(data.create);
  }

  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => check(false), DELAY);
  });
  if (upload) upload.addEventListener("change", () => check(true));
  if (box.value.trim()) check(false);
})();
