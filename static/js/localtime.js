/* Shows the viewer's local time beside each UTC time (<time data-utc>) when the browser's
   time zone is not UTC. Progressive enhancement: the pages read the same without it. */
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var times = document.querySelectorAll("time[data-utc]");
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  if (!times.length || /^(UTC|Etc\/UTC|Etc\/GMT|GMT|Etc\/Universal|Universal|Zulu)$/.test(zone)) { return; }
  var day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
  var clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  var zoned = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  Array.prototype.forEach.call(times, function (el) {
    var start = new Date(el.getAttribute("datetime"));
    if (isNaN(start.getTime())) { return; }
    var text = day.format(start) + ", ";
    var end = el.getAttribute("data-end") ? new Date(el.getAttribute("data-end")) : null;
    if (end && !isNaN(end.getTime())) {
      text += clock.format(start) + "–" + zoned.format(end);
    } else {
      text += zoned.format(start);
    }
    var note = document.createElement("span");
    note.className = "local-time";
    note.textContent = " (your time: " + text + ")";
    el.insertAdjacentElement("afterend", note);
  });
})();
