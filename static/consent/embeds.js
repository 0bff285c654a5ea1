/*
 * Embeds that wait for consent (consent/templating.py story_body, docs/embeds.md).
 *
 * Progressive enhancement only: without this script the placeholder's form posts, the server
 * records the choice (or hands out a one-time pass) and sends the reader back with the embed
 * loaded. With it, the same post is made in the background and the frame is swapped in where
 * the placeholder was, without a reload; "Always allow" swaps in every embed of that provider
 * on the page. A choice saved in the cookie dialog that no longer allows a loaded provider
 * reloads the page, which then shows its placeholder again.
 */
(function () {
  "use strict";

  function swapIn(figure, src) {
    var placeholder = figure.querySelector(".embed-placeholder");
    if (!placeholder) {
      return null;
    }
    var title = figure.querySelector(".embed-title");
    var original = figure.querySelector(".embed-original a");
    var frame = document.createElement("iframe");
    frame.className = "embed-frame";
    frame.src = src;
    frame.title = figure.getAttribute("data-embed-title");
    frame.setAttribute("allowfullscreen", "");
    if (figure.getAttribute("data-embed-height")) {
      frame.height = figure.getAttribute("data-embed-height");
    }
    var caption = document.createElement("figcaption");
    caption.className = "embed-caption";
    caption.id = title ? title.id : "";
    caption.textContent = title ? title.textContent.trim() + " · " : "";
    if (original) {
      var link = document.createElement("a");
      link.href = original.href;
      link.textContent = original.textContent;
      caption.appendChild(link);
    }
    figure.replaceChild(frame, placeholder);
    figure.appendChild(caption);
    return frame;
  }

  function tickDialog(slug) {
    var boxes = document.querySelectorAll('input[name="embeds"]');
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].value === slug) {
        boxes[i].checked = true;
      }
    }
  }

  function load(event) {
    var form = event.currentTarget;
    if (!window.fetch || !window.FormData) {
      return;
    }
    event.preventDefault();
    var figure = form.closest("figure.embed");
    var always = form.querySelector('input[name="always"]').checked;
    window
      .fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("Not loaded.");
        }
        return response.json();
      })
      .then(function (answer) {
        var frame = swapIn(figure, answer.frame);
        if (always) {
          var slug = figure.getAttribute("data-embed-provider");
          var others = document.querySelectorAll(
            'figure.embed[data-embed-provider="' + slug + '"]'
          );
          for (var i = 0; i < others.length; i++) {
            if (others[i] !== figure) {
              swapIn(others[i], others[i].getAttribute("data-embed-frame"));
            }
          }
          tickDialog(slug);
        }
        // The button pressed is gone: keyboard and screen reader users land on the content.
        if (frame) {
          frame.focus();
        }
      })
      .catch(function () {
        // Let the plain form do it: the server answers with a page either way.
        form.removeEventListener("submit", load);
        form.submit();
      });
  }

  function withdrawn(event) {
    var allowed = (event.detail && event.detail.embeds) || [];
    var frames = document.querySelectorAll("figure.embed iframe");
    for (var i = 0; i < frames.length; i++) {
      var slug = frames[i].closest("figure.embed").getAttribute("data-embed-provider");
      if (allowed.indexOf(slug) === -1) {
        var address = new URL(window.location.href);
        address.searchParams.delete("embed");
        address.hash = "";
        window.location.replace(address.toString());
        return;
      }
    }
  }

  var forms = document.querySelectorAll("form[data-embed-form]");
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener("submit", load);
  }
  document.addEventListener("newsroom:consent", withdrawn);
})();
