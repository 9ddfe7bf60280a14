// Tables that follow a plotly figure's country dropdown (workbench.report.tables.follow_country_menu).
// The placeholders (percent, name in brackets, s) are filled in by Python.
(function () {
  var tables = %(tables)s, column = %(column)s, first = %(first)s;
  var version = %(version)s;
  function escapeRegex(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function decode(s) { var t = document.createElement("textarea"); t.innerHTML = s; return t.value; }
  function filter(name) {
    window[version].then(function (m) {
      tables.forEach(function (id) {
        var $ = m.jQuery, sel = "#" + id;
        if (!$.fn.dataTable.isDataTable(sel)) { return setTimeout(function () { filter(name); }, 100); }
        var dt = $(sel).DataTable(), idx = dt.column(column + ":name").index();
        if (idx === undefined) { idx = dt.columns().header().toArray().findIndex(
          function (h) { return h.textContent.trim() === column; }); }
        var rx = name ? "^" + escapeRegex(name) + "$" : "";
        dt.column(idx).search(rx, true, false).draw();
      });
    });
  }
  function hook() {
    var figure = document.querySelectorAll(".plotly-graph-div")[%(figure)s];
    if (!figure || !figure.on || !window[version]) { return setTimeout(hook, 100); }
    figure.on("plotly_buttonclicked", function (ev) {
      var label = decode(ev.button.label);
      filter(label === %(all)s ? "" : label);
    });
    if (first) { filter(first); }
  }
  hook();
})();
