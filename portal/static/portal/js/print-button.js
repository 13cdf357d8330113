// The printable report's "Print" button (a file of its own: the pages allow no inline script).
document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll("[data-print]")) {
        button.addEventListener("click", () => window.print());
    }
});
