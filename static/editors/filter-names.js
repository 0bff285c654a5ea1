/* Django's two-list picker (filter_horizontal, e.g. a group's permissions) puts a help icon in
   each filter box's label as a <span> with aria-label, which ARIA does not allow on an element
   with no role (axe-core: aria-prohibited-attr), so screen readers may drop the help. The icon
   is an image with a description: it gets role="img". Loaded on every admin page by
   templates/admin/base_site.html; does nothing where there is no such picker. */
(function () {
  "use strict";

  // After SelectFilter2.js's own load handler, which draws the pickers.
  window.addEventListener("load", function () {
    window.setTimeout(function () {
      document.querySelectorAll(".selector .help-tooltip[aria-label]").forEach(function (icon) {
        icon.setAttribute("role", "img");
      });
    }, 0);
  });
})();
