/* Race weekends: the countdown to the next session, and each session's start
   in the reader's own time zone when it differs from the track's.

   Without JavaScript the page already shows both (the countdown as of when
   the page was made; the track's time and the site's). Words come from the
   page (data-your-time on the timetable) and Intl, in the page's language. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";

  function offsetMinutes(text) {
    // "+0200" -> 120
    var sign = text.charAt(0) === "-" ? -1 : 1;
    return sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(3, 5)));
  }

  function localTimes() {
    var label = document.querySelector("[data-your-time]");
    var words = label ? label.getAttribute("data-your-time") : "";
    var format = null; // made when first needed: a formatter costs tens of ms on a phone
    document.querySelectorAll("time[data-local-time]").forEach(function (time) {
      var when = new Date(time.getAttribute("datetime"));
      var track = offsetMinutes(time.getAttribute("data-track-offset") || "+0000");
      if (isNaN(when) || -when.getTimezoneOffset() === track || time.nextElementSibling) return;
      format = format || new Intl.DateTimeFormat(lang, { weekday: "short", hour: "2-digit", minute: "2-digit" });
      var mine = document.createElement("span");
      mine.className = "local-time";
      mine.textContent = words + " " + format.format(when);
      time.after(mine);
    });
  }

  function countdown() {
    function unit(name) {
      return new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay: "long" });
    }
    var day = unit("day"), hour = unit("hour"), minute = unit("minute");
    document.querySelectorAll("[data-countdown]").forEach(function (element) {
      var seconds = Math.max(0, (new Date(element.getAttribute("data-countdown")) - Date.now()) / 1000);
      if (isNaN(seconds)) return;
      var days = Math.floor(seconds / 86400);
      var hours = Math.floor((seconds % 86400) / 3600);
      var minutes = Math.floor((seconds % 3600) / 60);
      var parts = days > 0 ? [day.format(days), hour.format(hours)]
        : hours > 0 ? [hour.format(hours), minute.format(minutes)]
        : [minute.format(minutes)];
      element.textContent = parts.join(", ");
    });
  }

  localTimes();
  if (document.querySelector("[data-countdown]")) {
    countdown();
    setInterval(countdown, 30000);
  }
})();
