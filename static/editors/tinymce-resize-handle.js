/* TinyMCE 7 gives its resize handle an aria-label but no role, and ARIA forbids naming a plain
   div (axe-core: aria-prohibited-attr). TinyMCE 8 makes the handle a separator whose value is
   the editor's height; this does the same for the TinyMCE that django-tinymce ships. Loaded
   after tinymce.min.js and before django-tinymce starts the editors (TINYMCE_EXTRA_MEDIA). */
(function () {
  "use strict";

  // The step TinyMCE resizes by with the arrow keys: with no max_height, one step more is
  // as far as the handle is known to go.
  const KEYBOARD_STEP = 20;

  function describeResizeHandle(editor) {
    const container = editor.getContainer();
    const handle = container && container.querySelector(".tox-statusbar__resize-handle");
    if (!handle) {
      return;
    }
    const height = Math.round(container.offsetHeight);
    const maxHeight = editor.options.get("max_height") || height + KEYBOARD_STEP;
    handle.setAttribute("role", "separator");
    handle.setAttribute("aria-valuemin", String(editor.options.get("min_height")));
    handle.setAttribute("aria-valuemax", String(Math.max(maxHeight, height)));
    handle.setAttribute("aria-valuenow", String(height));
  }

  window.tinymce.on("AddEditor", function (event) {
    const editor = event.editor;
    editor.on("init ResizeEditor", function () {
      describeResizeHandle(editor);
    });
  });
})();
