/* Sort and filter the archive's index tables, in the page, with no network.
 *
 * Every table inside the page content gets clickable column headers (numbers
 * sort as numbers); tables of more than five rows also get a
 * filter box above each table. Plain DOM, no dependencies; works from file://.
 *
 * Narrow screens: a cell of four words or more is marked "archive-prose" (the
 * stylesheet keeps such a column wide enough to read), and every box that
 * scrolls sideways (tables, map, timeline, charts) is wrapped in an
 * "archive-scroll-box" that says so: a shadow at each edge that has more and
 * a "scroll sideways" note above it, shown only while the box does overflow.
 */
(function () {
  "use strict";

  function cellValue(row, column) {
    var cell = row.cells[column];
    var text = cell ? cell.textContent.trim() : "";
    var number = Number(text.replace(/[,\s]/g, ""));
    return text !== "" && !isNaN(number) ? number : text.toLowerCase();
  }

  function sortBy(table, column, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, column), y = cellValue(b, column);
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.classList.add("archive-sortable");
      th.setAttribute("tabindex", "0");
      th.title = "Sort by this column";
      th.addEventListener("click", function () { sortBy(table, column, th); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, column, th);
        }
      });
    });
  }

  function addFilter(table) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "archive-filter";
    input.placeholder = "Filter this table";
    input.setAttribute("aria-label", "Filter this table");
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
      updateAll();
    });
    var box = table.closest(".archive-scroll-box");
    var wrap = (box && box.previousElementSibling) || table.closest(".md-typeset__table") || table;
    wrap.parentNode.insertBefore(input, wrap);
  }

  var PROSE_WORDS = 4;

  function markProse(table) {
    Array.prototype.forEach.call(table.querySelectorAll("td, th"), function (cell) {
      if (cell.textContent.trim().split(/\s+/).length >= PROSE_WORDS) {
        cell.classList.add("archive-prose");
      }
    });
  }

  var SCROLLERS = ".md-typeset__scrollwrap, .archive-map-wrap, " +
    ".archive-timeline-wrap, .archive-chart-wrap";
  var boxes = [];

  function updateBox(entry) {
    var scroller = entry.scroller, box = entry.box;
    var more = scroller.scrollWidth - scroller.clientWidth;
    var overflows = more > 1;
    box.classList.toggle("archive-overflows", overflows);
    box.classList.toggle("archive-more-right", overflows && scroller.scrollLeft < more - 1);
    box.classList.toggle("archive-more-left", overflows && scroller.scrollLeft > 1);
    entry.cue.hidden = !overflows;
  }

  function watchScroll(scroller) {
    if (scroller.parentNode.classList.contains("archive-scroll-box")) { return; }
    var box = document.createElement("div");
    box.className = "archive-scroll-box";
    if (scroller.classList.contains("md-typeset__scrollwrap")) {
      box.classList.add("archive-table-box");
    }
    var cue = document.createElement("p");
    cue.className = "archive-scroll-cue";
    cue.setAttribute("aria-hidden", "true");
    cue.textContent = "Scroll sideways for more \u2192";
    cue.hidden = true;
    scroller.parentNode.insertBefore(cue, scroller);
    scroller.parentNode.insertBefore(box, scroller);
    box.appendChild(scroller);
    var entry = { box: box, scroller: scroller, cue: cue };
    scroller.addEventListener("scroll", function () { updateBox(entry); }, { passive: true });
    boxes.push(entry);
    updateBox(entry);
  }

  function updateAll() { boxes.forEach(updateBox); }

  function init() {
    var tables = document.querySelectorAll("article.md-content__inner table");
    Array.prototype.forEach.call(tables, markProse);
    var scrollers = document.querySelectorAll("article.md-content__inner " +
      SCROLLERS.split(", ").join(", article.md-content__inner "));
    Array.prototype.forEach.call(scrollers, watchScroll);
    window.addEventListener("resize", updateAll);
    window.addEventListener("load", updateAll);
    Array.prototype.forEach.call(tables, function (table) {
      makeSortable(table);
      if (table.tBodies.length && table.tBodies[0].rows.length > 5) { addFilter(table); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
