// Sort the bills x categories matrix by the clicked column. Numbers sort largest first on the
// first click, text A-Z; a second click reverses. Ties keep the original order.
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  if (!table || !table.tHead || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function key(row, column, numeric) {
    var cell = row.cells[column];
    if (numeric) { return Number(cell.getAttribute("data-count")) || 0; }
    return cell.getAttribute("data-key") || cell.textContent;
  }

  function sortBy(th, column) {
    var numeric = th.getAttribute("data-type") === "number";
    var current = th.getAttribute("aria-sort");
    var direction = current ? (current === "ascending" ? "descending" : "ascending")
                            : (numeric ? "descending" : "ascending");
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", direction);
    var sign = direction === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var ka = key(a, column, numeric), kb = key(b, column, numeric);
      var c = numeric ? ka - kb : String(ka).localeCompare(String(kb), undefined, { numeric: true });
      if (c !== 0) { return sign * c; }
      return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  headers.forEach(function (th, column) {
    var button = th.querySelector("button");
    if (button) { button.addEventListener("click", function () { sortBy(th, column); }); }
  });
}());
