/* Reply in place: moves the response form under the comment being answered.
   Progressive enhancement only; without it, "Reply" links to ?replyto=<id>#respond and the
   server renders the same form as a reply. */
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form) {
    return;
  }
  var home = document.createElement("div");
  home.hidden = true;
  form.parentNode.insertBefore(home, form);

  var parentInput = form.querySelector('input[name="parent"]');
  var heading = form.querySelector("#respond-heading");
  var cancel = form.querySelector("[data-cancel-reply]");
  var cancelLine = cancel ? cancel.parentNode : null;
  var submit = form.querySelector('button[type="submit"]');
  var text = form.querySelector("textarea");
  var defaultHeading = heading ? heading.getAttribute("data-default-heading") : "";
  var lastReplyLink = null;

  // After a refused post the page opens at the error summary (the form's action ends with
  // its anchor); focus it too, in case the browser only scrolled there.
  var summary = form.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }

  function replyTo(link) {
    var comment = document.getElementById("comment-" + link.getAttribute("data-reply-to"));
    if (!comment || !parentInput) {
      return false;
    }
    comment.parentNode.insertBefore(form, comment.nextSibling);
    parentInput.value = link.getAttribute("data-reply-to");
    // Texts come translated from the page (data attributes), so the script has no catalogue.
    heading.textContent = heading
      .getAttribute("data-reply-heading")
      .replace("%(name)s", link.getAttribute("data-reply-name"));
    submit.textContent = submit.getAttribute("data-reply-label");
    if (cancelLine) {
      cancelLine.hidden = false;
    }
    lastReplyLink = link;
    text.focus();
    return true;
  }

  function cancelReply() {
    home.parentNode.insertBefore(form, home);
    parentInput.value = "";
    heading.textContent = defaultHeading;
    submit.textContent = submit.getAttribute("data-comment-label");
    if (cancelLine) {
      cancelLine.hidden = true;
    }
    if (lastReplyLink) {
      lastReplyLink.focus();
      lastReplyLink = null;
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-reply-to]") : null;
    if (link && replyTo(link)) {
      event.preventDefault();
    }
  });
  if (cancel) {
    cancel.addEventListener("click", function (event) {
      event.preventDefault();
      cancelReply();
    });
  }

  // "Remember me" needs Functional cookies: follow a choice made in the cookie dialog at once.
  var remember = form.querySelector("[data-remember]");
  document.addEventListener("newsroom:consent", function (event) {
    if (!remember) {
      return;
    }
    var allowed = event.detail.allowed.indexOf("functional") !== -1;
    var box = remember.querySelector('input[type="checkbox"]');
    var note = allowed ? "remember-help" : "remember-unavailable";
    box.disabled = !allowed;
    if (!allowed) {
      box.checked = false;
    }
    box.setAttribute("aria-describedby", note);
    document.getElementById("remember-help").hidden = !allowed;
    document.getElementById("remember-unavailable").hidden = allowed;
  });
})();
