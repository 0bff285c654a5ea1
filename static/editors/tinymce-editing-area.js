/* TinyMCE writes the story into a document of its own, in an iframe, with no <title> and no
   lang (axe-core: document-title, html-has-lang), so a screen reader could not say which text
   this is nor in which language to read it. It gets the field's label as its title and the
   story's language (the form's language field, else the admin's). Loaded after tinymce.min.js
   (TINYMCE_EXTRA_MEDIA). */
(function () {
  "use strict";

  function labelOf(element) {
    const label = element.id && document.querySelector('label[for="' + element.id + '"]');
    return label ? label.textContent.trim().replace(/:$/, "") : "";
  }

  function describeEditingArea(editor) {
    const textarea = editor.getElement();
    const doc = editor.getDoc();
    const languageField = textarea.form && textarea.form.elements.namedItem("language");
    const language = (languageField && languageField.value) || document.documentElement.lang;
    if (language) {
      doc.documentElement.lang = language;
    }
    doc.title = labelOf(textarea) || (editor.iframeElement && editor.iframeElement.title) || "";
  }

  window.tinymce.on("AddEditor", function (event) {
    const editor = event.editor;
    editor.on("init", function () {
      describeEditingArea(editor);
      const form = editor.getElement().form;
      const languageField = form && form.elements.namedItem("language");
      if (languageField && languageField.addEventListener) {
        languageField.addEventListener("change", function () {
          describeEditingArea(editor);
        });
      }
    });
  });
})();
