/* Sort and filter the archive's index tables, in the page, with no network.
 *
 * Every table inside the page content gets clickable column headers (numbers
 * sort as numbers); tables of more than five rows also get a
 * filter box above each table. Plain DOM, no dependencies; works from file://.
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
    });
    var wrap = table.closest(".md-typeset__table") || table;
    wrap.parentNode.insertBefore(input, wrap);
  }

  function init() {
    var tables = document.querySelectorAll("article.md-content__inner table");
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
