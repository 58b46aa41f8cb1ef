// Capped text boxes of the meeting page (data-max-chars, set by the server instead of the
// browser's maxlength, which cuts a long paste silently): a counter under each box, shown
// always under text areas and under a line once it nears its cap, marked when over it. The
// server refuses text over the cap with a form error and keeps the whole text.
"use strict";
(function () {
  const format = new Intl.NumberFormat("en");

  function counterOf(box) {
    let counter = box.nextElementSibling;
    if (!counter || !counter.classList.contains("char-count")) {
      counter = document.createElement("div");
      counter.className = "char-count help";
      counter.setAttribute("aria-live", "polite");
      box.insertAdjacentElement("afterend", counter);
    }
    return counter;
  }

  function update(box) {
    const cap = Number(box.dataset.maxChars);
    if (!cap) return;
    const length = box.value.length;
    const near = box.tagName === "TEXTAREA" || length > cap * 0.8;
    if (!near && !box.nextElementSibling?.classList.contains("char-count")) return;
    const counter = counterOf(box);
    counter.hidden = !near;
    const over = length - cap;
    counter.classList.toggle("over", over > 0);
    counter.textContent =
      format.format(length) + " / " + format.format(cap) + " characters" +
      (over > 0 ? " — " + format.format(over) + " over the limit: shorten it before saving" : "");
  }

  for (const box of document.querySelectorAll("textarea[data-max-chars], input[data-max-chars]")) {
    if (!box.name.includes("__prefix__")) update(box);
  }
  document.addEventListener("input", (event) => {
    if (event.target instanceof HTMLElement && event.target.dataset.maxChars) update(event.target);
  });
})();
