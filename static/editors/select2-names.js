/* The admin's autocomplete pickers (select2, e.g. the story's section) open a combobox with a
   search box and a list. select2 4.0 names neither the search box nor, for ARIA 1.2, the list
   the open combobox controls (axe-core: label, aria-required-attr). While the list is open, the
   combobox names it in aria-controls and the search box carries the field's label. The closed
   combobox is named only by its chosen value, so an empty one (a new story) has no name: it is
   labelled by the field's label and then its value. Loaded on every admin page by
   templates/admin/base_site.html; does nothing where there is no picker. */
(function () {
  "use strict";

  const jQuery = window.django && window.django.jQuery;
  if (!jQuery) {
    return;
  }

  function fieldName(select) {
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.trim().replace(/:$/, "") : select.name;
  }

  function nameComboboxes() {
    jQuery("select.admin-autocomplete").each(function () {
      const data = jQuery(this).data("select2");
      const label = this.id && document.querySelector('label[for="' + this.id + '"]');
      const combobox = data && data.$container[0].querySelector(".select2-selection");
      if (!label || !combobox) {
        return;
      }
      label.id = label.id || this.id + "-label";
      const value = data.$container[0].querySelector(".select2-selection__rendered");
      combobox.setAttribute("aria-labelledby", label.id + (value && value.id ? " " + value.id : ""));
      if (value) {
        // The value box is a read-only textbox of its own, named by the same label.
        value.setAttribute("aria-labelledby", label.id);
      }
    });
  }

  // After the admin's own load handlers, which turn the selects into pickers.
  window.addEventListener("load", function () {
    window.setTimeout(nameComboboxes, 0);
  });
  jQuery(document).on("formset:added", function () {
    window.setTimeout(nameComboboxes, 0);
  });

  jQuery(document).on("select2:open", function (event) {
    const select = event.target;
    const data = jQuery(select).data("select2");
    if (!data) {
      return;
    }
    const combobox = data.$container[0].querySelector(".select2-selection");
    const list = data.$dropdown[0].querySelector(".select2-results__options");
    if (combobox && list && list.id) {
      combobox.setAttribute("aria-controls", list.id);
    }
    const search = data.$dropdown[0].querySelector(".select2-search__field");
    if (search) {
      search.setAttribute("aria-label", fieldName(select));
    }
  });

  jQuery(document).on("select2:close", function (event) {
    const data = jQuery(event.target).data("select2");
    const combobox = data && data.$container[0].querySelector(".select2-selection");
    if (combobox) {
      combobox.removeAttribute("aria-controls");
    }
  });
})();
