/* Google Consent Mode v2 state for this consent decision, written by the server before any tag
   (consent/consent_mode.py). The same for every visitor in the same consent state. */
window.dataLayer = window.dataLayer || [];
function gtag() { window.dataLayer.push(arguments); }
gtag("consent", "default", {{ default_state|safe }});
gtag("set", "ads_data_redaction", true);
{% if update_state %}gtag("consent", "update", {{ update_state|safe }});
gtag("set", "ads_data_redaction", {{ ads_data_redaction|safe }});
{% endif %}
window.newsroomConsent = (function () {
  "use strict";
  var loaded = {};
  var gtagStarted = false;

  /* Load each tag once; only ever called with tags the visitor's consent allows. */
  function loadTags(tags) {
    tags.forEach(function (tag) {
      if (loaded[tag.src]) {
        return;
      }
      loaded[tag.src] = true;
      if (tag.kind === "gtm") {
        window.dataLayer.push({ "gtm.start": new Date().getTime(), event: "gtm.js" });
      } else if (tag.kind === "ga4") {
        if (!gtagStarted) {
          gtag("js", new Date());
          gtagStarted = true;
        }
        gtag("config", tag.id);
      }
      var script = document.createElement("script");
      script.async = true;
      script.src = tag.src;
      (document.head || document.documentElement).appendChild(script);
    });
  }

  loadTags({{ tags|safe }});
  return { loadTags: loadTags };
})();
