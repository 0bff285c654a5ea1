/* Who else has this story open (articles/admin_desk.py). The change form records the editor
   when it is drawn, which needs no JavaScript; this keeps the record fresh while the form stays
   open, updates the notice with whoever else arrives or leaves, and says goodbye when the
   editor leaves the page, so the others' notice clears at once. */
(function () {
  "use strict";

  function start() {
    const notice = document.getElementById("story-presence");
    const form = notice && notice.closest("form");
    const token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!token) {
      return;
    }
    const url = notice.dataset.presenceUrl;
    const interval = Number(notice.dataset.heartbeatMs) || 20000;

    function beat() {
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          if (answer && notice.textContent !== answer.notice) {
            notice.textContent = answer.notice;
          }
        })
        .catch(function () {
          // Offline for a moment: the next beat tries again, and the notice keeps its text.
        });
    }

    const timer = window.setInterval(beat, interval);
    window.addEventListener("pagehide", function () {
      window.clearInterval(timer);
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      body.append("leaving", "1");
      navigator.sendBeacon(url, body);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
