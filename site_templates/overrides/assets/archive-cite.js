/* "Cite this capture": copy the reference, and cite one paragraph of the article.
 *
 * The page carries the reference to the whole capture (the box's text and its
 * BibTeX, RIS and CSL-JSON files) and, in a JSON script element, the same
 * reference to a paragraph with two slots for the paragraph's id and line. When a
 * reader follows a paragraph's link (#id) or presses its "Cite" button, the box
 * shows the paragraph's reference and its downloads become that reference.
 * Plain DOM, no dependencies, no network; works from file://.
 */
(function () {
  "use strict";

  function fill(text, slots, anchor, line) {
    return text.split(slots.anchor).join(anchor).split(slots.line).join(line);
  }

  function setup() {
    var box = document.querySelector(".cite-box");
    if (!box || box.getAttribute("data-cite-ready")) return;
    box.setAttribute("data-cite-ready", "yes");
    var field = box.querySelector(".cite-text");
    var what = box.querySelector(".cite-what");
    var status = box.querySelector(".cite-status");
    var copy = box.querySelector(".cite-copy");
    var whole = box.querySelector(".cite-whole");
    var links = Array.prototype.slice.call(box.querySelectorAll(".cite-download"));
    var slots = JSON.parse(box.querySelector(".cite-template").textContent);
    var original = {
      text: field.value, what: what.textContent,
      links: links.map(function (a) { return [a.getAttribute("href"), a.getAttribute("download")]; })
    };

    function paragraph(id) {
      var element = id ? document.getElementById(id) : null;
      return element && element.hasAttribute("data-line") && element.closest(".article-body")
        ? element : null;
    }

    function show(element) {
      status.textContent = "";
      if (!element) {
        field.value = original.text;
        what.textContent = original.what;
        links.forEach(function (a, i) {
          a.setAttribute("href", original.links[i][0]);
          a.setAttribute("download", original.links[i][1]);
        });
        whole.hidden = true;
        return;
      }
      var anchor = element.id, line = element.getAttribute("data-line");
      field.value = fill(slots.text, slots, anchor, line);
      what.textContent = "paragraph " + anchor + " (line " + line + " of the capture)";
      links.forEach(function (a, i) {
        var format = a.getAttribute("data-format");
        var body = fill(slots[format], slots, anchor, line);
        a.setAttribute("href", "data:" + a.type + ";charset=utf-8," + encodeURIComponent(body));
        a.setAttribute("download", original.links[i][1].replace(/(\.[a-z]+)$/, "-" + anchor + "$1"));
      });
      whole.hidden = false;
    }

    // The paragraph the address names (#id), or none: a fragment that is not
    // percent-encoded UTF-8 (#%, #%E0%A4%A) names no paragraph.
    function fromHash() {
      var id = "";
      try {
        id = decodeURIComponent(window.location.hash.slice(1));
      } catch (e) { /* not an id: the whole capture's reference */ }
      show(paragraph(id));
    }

    copy.hidden = false;
    copy.addEventListener("click", function () {
      field.focus();
      field.select();
      var done = function () { status.textContent = "Copied to the clipboard."; };
      var selected = function () {
        status.textContent = "The reference is selected: press Ctrl+C (\u2318C) to copy it.";
      };
      try {
        if (document.execCommand("copy")) { done(); return; }
      } catch (e) { /* fall through to the asynchronous clipboard */ }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, selected);
      } else {
        selected();
      }
    });
    whole.addEventListener("click", function () {
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
      }
      show(null);
      field.focus();
    });

    Array.prototype.forEach.call(document.querySelectorAll(".article-body [data-line][id]"),
      function (element) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "para-cite";
        button.textContent = "Cite";
        button.setAttribute("aria-label", "Cite this paragraph (" + element.id + ")");
        button.addEventListener("click", function () {
          if (window.history && window.history.replaceState) {
            window.history.replaceState(null, "", "#" + element.id);
          }
          show(element);
          box.scrollIntoView({ block: "nearest" });
          field.focus();
          field.select();
        });
        element.appendChild(button);
      });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
