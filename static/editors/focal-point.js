/* The focal point of a picture (articles/admin_pictures.py): a click on the picture fills the
   two inputs (0 to 1, across and down) and moves the marker there. Without this script the
   inputs are typed in; typing in them moves the marker too. */
(function () {
  "use strict";

  function round(value) {
    return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
  }

  function attach(picker) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-point-marker");
    const across = document.getElementById(picker.dataset.focusX);
    const down = document.getElementById(picker.dataset.focusY);
    if (!image || !marker || !across || !down) {
      return;
    }

    function show() {
      marker.style.left = (Number(across.value) || 0) * 100 + "%";
      marker.style.top = (Number(down.value) || 0) * 100 + "%";
      marker.hidden = false;
    }

    image.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      across.value = round((event.clientX - box.left) / box.width);
      down.value = round((event.clientY - box.top) / box.height);
      // The unsaved-changes warning listens for input events.
      across.dispatchEvent(new Event("input", { bubbles: true }));
      down.dispatchEvent(new Event("input", { bubbles: true }));
      show();
    });
    across.addEventListener("input", show);
    down.addEventListener("input", show);
    picker.classList.add("focal-point-ready");
    show();
  }

  function start() {
    document.querySelectorAll(".focal-point").forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
