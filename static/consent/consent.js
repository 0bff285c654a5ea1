/*
 * Cookie consent dialog. Progressive enhancement only: without this file the "Customize" and
 * "Cookie settings" links open the preferences page, and every button posts a plain form.
 * With it, they open the same preferences as a modal dialog: focus moves in and stays inside,
 * Escape or the close button closes it, and focus goes back to the link that opened it.
 * A choice is posted in the background: the server answers with the Google Consent Mode
 * `update`, the tags the choice allows and the refused categories' cookie names, so the page
 * takes the choice without a reload (tags load, refused cookies are deleted here too, on this
 * host and its parent domains, where scripts put theirs). No dependencies, no cookies of its own.
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
  // Focus goes back to what opened the dialog; if that went away (the banner's Customize link
  // goes with the banner once the visitor answers), to the confirmation of their answer, which
  // is next in the page, rather than to <body> (WCAG 2.4.3).
  dialog.addEventListener("close", function () {
    var status = document.getElementById("consent-status");
    if (opener && document.body.contains(opener)) {
      opener.focus();
    } else if (status && status.textContent) {
      status.focus();
    }
    opener = null;
  });

  function parentDomains() {
    var host = window.location.hostname;
    if (host.indexOf(".") === -1 || /^[\d.]+$/.test(host) || host.indexOf(":") !== -1) {
      return [];
    }
    var labels = host.split(".");
    var domains = [];
    for (var index = 0; index < labels.length - 1; index += 1) {
      domains.push(labels.slice(index).join("."));
    }
    return domains;
  }

  function matches(pattern, name) {
    var star = pattern.charAt(pattern.length - 1) === "*";
    return star ? name.indexOf(pattern.slice(0, -1)) === 0 : name === pattern;
  }

  function deleteRefusedCookies(patterns) {
    var domains = parentDomains();
    document.cookie.split(";").forEach(function (pair) {
      var name = pair.split("=")[0].trim();
      if (!name || !patterns.some(function (pattern) { return matches(pattern, name); })) {
        return;
      }
      var expired = name + "=; Max-Age=0; Path=/; SameSite=Lax";
      document.cookie = expired;
      domains.forEach(function (domain) {
        document.cookie = expired + "; Domain=" + domain;
      });
    });
  }

  function announce(text) {
    var status = document.getElementById("consent-status");
    if (status) {
      status.textContent = text;
    }
  }

  function showChoice(allowed) {
    Array.prototype.forEach.call(
      document.querySelectorAll(".consent-switch[name='categories']"),
      function (toggle) {
        toggle.checked = allowed.indexOf(toggle.value) !== -1;
      }
    );
  }

  function applyChoice(answer, form) {
    if (typeof window.gtag === "function") {
      window.gtag("consent", "update", answer.consent_mode);
      window.gtag("set", "ads_data_redaction", answer.ads_data_redaction);
    }
    if (window.newsroomConsent) {
      window.newsroomConsent.loadTags(answer.tags);
    }
    deleteRefusedCookies(answer.refused_cookies);
    showChoice(answer.allowed);
    // Other scripts on the page adapt to the new choice (the comment form's "remember me").
    document.dispatchEvent(
      new CustomEvent("newsroom:consent", {
        detail: { allowed: answer.allowed, embeds: answer.embeds }
      })
    );
    var banner = document.querySelector(".consent-banner");
    if (banner) {
      banner.parentNode.removeChild(banner);
    }
    // Announced first: closing the dialog may move focus to the confirmation.
    announce(answer.message);
    // Only the dialog's own form closes it: a banner answer arriving after the visitor opened
    // the dialog leaves it open, showing the saved switches.
    if (dialog.open && dialog.contains(form)) {
      dialog.close();
    }
    if (!document.activeElement || document.activeElement === document.body) {
      // The button that was pressed went away with the banner: land on the confirmation.
      document.getElementById("consent-status").focus();
    }
  }

  function postChoice(event) {
    var form = event.currentTarget;
    if (!window.fetch || !window.FormData) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    window
      // Not form.action: the buttons are named "action", which shadows the property.
      .fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("The choice was not saved.");
        }
        return response.json();
      })
      .then(function (answer) {
        applyChoice(answer, form);
      })
      .catch(function () {
        // Let the plain form do it: the server answers with a page either way.
        form.removeEventListener("submit", postChoice);
        if (event.submitter) {
          event.submitter.click();
        } else {
          form.submit();
        }
      });
  }

  // Focus never lands under the banner (WCAG 2.2 2.4.11): CSS scroll-padding covers browsers
  // that honour it when moving focus; this covers the rest.
  document.addEventListener("focusin", function (event) {
    var banner = document.querySelector(".consent-banner");
    if (!banner || banner.contains(event.target) || dialog.contains(event.target)) {
      return;
    }
    // Only a banner fixed over the page can hide what has focus. On small screens it sits at
    // the top of the page instead, and scrolling there would move the page under a tap
    // between press and release, so the tap would land on nothing.
    if (window.getComputedStyle(banner).position !== "fixed") {
      return;
    }
    var hidden = event.target.getBoundingClientRect().bottom - banner.getBoundingClientRect().top;
    if (hidden > 0) {
      window.scrollBy(0, hidden + 8);
    }
  });

  // Where the banner's text scrolls in its box, a cue says there is more until its end is shown.
  var bannerText = document.querySelector(".consent-banner-text");
  var moreCue = document.querySelector(".consent-more");
  function showMoreCue() {
    if (bannerText && moreCue && document.body.contains(bannerText)) {
      moreCue.hidden = bannerText.scrollTop + bannerText.clientHeight >= bannerText.scrollHeight - 1;
    }
  }
  if (bannerText && moreCue) {
    bannerText.addEventListener("scroll", showMoreCue);
    window.addEventListener("resize", showMoreCue);
    showMoreCue();
  }

  Array.prototype.forEach.call(
    document.querySelectorAll(".consent-banner form, .consent-dialog form"),
    function (form) {
      form.addEventListener("submit", postChoice);
    }
  );

  Array.prototype.forEach.call(document.querySelectorAll("[data-consent-open]"), function (link) {
    link.setAttribute("aria-haspopup", "dialog");
    link.setAttribute("aria-controls", "consent-dialog");
    link.addEventListener("click", open);
  });
  Array.prototype.forEach.call(dialog.querySelectorAll("[data-consent-close]"), function (button) {
    button.addEventListener("click", close);
  });
})();
