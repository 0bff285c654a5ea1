/* Autosave of the story being edited (articles/admin_revisions.py). Every 30 seconds, if the
   form's text fields changed since they were last kept, they are posted to the desk's autosave
   address, which keeps them apart from the story: nothing is published or saved to the story.
   Without this script the form works as before; the offer to restore an autosave is a link. */
(function () {
  "use strict";

  const INTERVAL = 30 * 1000;
  const status = document.getElementById("autosave-status");
  if (!status || !window.fetch || !window.FormData) {
    return;
  }
  const form = status.closest("form");
  const fields = status.dataset.autosaveFields.split(" ");
  let lastKept = null;
  let sending = false;

  function textFields() {
    // TinyMCE edits a copy of the body; write it back to the textarea first.
    if (window.tinymce && window.tinymce.triggerSave) {
      window.tinymce.triggerSave();
    }
    const values = {};
    fields.forEach(function (name) {
      const input = form.elements.namedItem(name);
      if (input && typeof input.value === "string") {
        values[name] = input.value;
      }
    });
    return values;
  }

  function keep() {
    const values = textFields();
    const fingerprint = JSON.stringify(values);
    // The first look only notes what the form holds once TinyMCE has drawn it.
    if (lastKept === null) {
      lastKept = fingerprint;
      return;
    }
    if (fingerprint === lastKept || sending) {
      return;
    }
    const body = new FormData();
    Object.keys(values).forEach(function (name) {
      body.append(name, values[name]);
    });
    body.append("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
    sending = true;
    fetch(status.dataset.autosaveUrl, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) {
          throw new Error("autosave refused: " + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        lastKept = fingerprint;
        status.textContent = answer.message;
      })
      .catch(function () {
        status.textContent = status.dataset.failedMessage;
      })
      .finally(function () {
        sending = false;
      });
  }

  window.setInterval(keep, INTERVAL);
  window.addEventListener("load", function () {
    window.setTimeout(keep, 2000);
  });
}());
