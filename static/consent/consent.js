/*
 * Cookie consent dialog. Progressive enhancement only: without this file the "Customize" and
 * "Cookie settings" links open the preferences page, and every button posts a plain form.
 * With it, they open the same preferences as a modal dialog: focus moves in and stays inside,
 * Escape or the close button closes it, and focus goes back to the link that opened it.
 * No dependencies, no network requests, no cookies of its own.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("consent-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var title = document.getElementById("consent-dialog-title");
  var opener = null;
  var FOCUSABLE = [
    "a[href]",
    "button:not([disabled])",
    "input:not([disabled])",
    "select:not([disabled])",
    "textarea:not([disabled])",
    "summary",
    "[tabindex]:not([tabindex='-1'])"
  ].join(",");

  function focusableItems() {
    return Array.prototype.filter.call(dialog.querySelectorAll(FOCUSABLE), function (item) {
      return item.getClientRects().length > 0;
    });
  }

  function open(event) {
    event.preventDefault();
    opener = event.currentTarget;
    dialog.showModal();
    // The title first, so a screen reader starts reading from the top of the dialog.
    (title || dialog).focus();
  }

  function close() {
    dialog.close();
  }

  function keepFocusInside(event) {
    if (event.key !== "Tab") {
      return;
    }
    var items = focusableItems();
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    var first = items[0];
    var last = items[items.length - 1];
    var current = document.activeElement;
    var atStart = current === first || current === title || current === dialog;
    if (event.shiftKey && atStart) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && current === last) {
      event.preventDefault();
      first.focus();
    } else if (!dialog.contains(current)) {
      event.preventDefault();
      first.focus();
    }
  }

  dialog.addEventListener("keydown", keepFocusInside);
  // Escape fires "cancel" then "close"; the close button and form posts end here too.
  dialog.addEventListener("close", function () {
    if (opener && document.body.contains(opener)) {
      opener.focus();
    }
    opener = null;
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-consent-open]"), function (link) {
    link.setAttribute("aria-haspopup", "dialog");
    link.setAttribute("aria-controls", "consent-dialog");
    link.addEventListener("click", open);
  });
  Array.prototype.forEach.call(dialog.querySelectorAll("[data-consent-close]"), function (button) {
    button.addEventListener("click", close);
  });
})();
