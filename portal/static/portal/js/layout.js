// The phone layout: the main menu folds behind its button, and the registry's extra filters
// start folded, so results are on the first screen. Loaded in <head> (not deferred): the
// "js" class is set before the page is drawn, so the folded menu does not flash open.
// Without scripts both stay open.
(function () {
  document.documentElement.classList.add("js");
  var phone = window.matchMedia("(max-width: 599.98px)");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var menu = document.querySelector(".main-menu");
    if (button && menu) {
      button.addEventListener("click", function () {
        var open = menu.classList.toggle("menu-open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    // Filters stay open on a phone only when one of them needs correcting.
    document.querySelectorAll("details.filter-more").forEach(function (details) {
      var form = details.closest("form") || details;
      if (phone.matches && !form.querySelector(".form-error")) details.open = false;
    });
  });
})();
