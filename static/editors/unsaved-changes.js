/* Warn before leaving a change form with unsaved edits (the browser's own "Leave site?"
   question). A form shown again after an error counts as unsaved from the start: what it holds
   is the editor's text, not the saved story. Rich text lives in TinyMCE until the form is
   submitted, so its editors are asked too. */
(function () {
  "use strict";

  // Changed by the page itself, not by the editor.
  const IGNORED = new Set(["csrfmiddlewaretoken", "opened_version"]);

  function snapshot(form) {
    const values = [];
    for (const [name, value] of new FormData(form)) {
      if (!IGNORED.has(name)) {
        values.push(name + "=" + (value instanceof File ? value.name : value));
      }
    }
    return values.join("&");
  }

  function richTextChanged() {
    const tinymce = window.tinymce;
    return Boolean(tinymce && tinymce.get().some(function (editor) {
      return editor.isDirty();
    }));
  }

  function start() {
    const form = document.querySelector("body.change-form #content-main form[method=post]");
    if (!form) {
      return;
    }
    const shownWithErrors = Boolean(form.querySelector(".errornote"));
    const saved = snapshot(form);
    let submitting = false;
    form.addEventListener("submit", function () {
      submitting = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting) {
        return;
      }
      if (shownWithErrors || richTextChanged() || snapshot(form) !== saved) {
        event.preventDefault();
        event.returnValue = "";  // older browsers ask only when this is set
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
