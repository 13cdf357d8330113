// The feedback form sent back with errors: open the page at the list of what to fix, at the
// top of the screen (autofocus alone would leave it at the bottom edge of a phone's screen).
const summary = document.getElementById("loi-bieu-mau");
if (summary) {
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
}
