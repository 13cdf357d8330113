// Suggestions for the search boxes: titles from /tim-kiem/goi-y/ in a <datalist>, so the
// browser shows them accessibly and the form still works without JavaScript.
(function () {
  var list = document.getElementById("search-suggestions");
  if (!list || !window.fetch) return;
  var timer = null;
  var last = "";
  function suggest(input) {
    var query = input.value.trim();
    if (query.length < 2 || query === last) return;
    last = query;
    fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(query))
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        list.replaceChildren.apply(list, data.results.map(function (item) {
          var option = document.createElement("option");
          option.value = item.title;
          return option;
        }));
      })
      .catch(function () {});
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { suggest(input); }, 200);
    });
  });
})();
