// The quick view of a document's PDF (legal_docs/pdf_view.html): a button that opens the
// file's pages, drawn on a canvas by pdf.js, with previous/next and zoom. pdf.js and its
// worker are the site's own files, loaded on the first open only (they weigh 1.8 MB), and
// the file is fetched from its own address, so the policy stays "script-src 'self'" and
// "connect-src 'self'". The texts come from the page, translated there.
(function () {
  "use strict";
  const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3]; // of the frame's width; 1 fits the page to it
  let library = null;

  function pdfjs(view) {
    library ??= import(view.dataset.pdfjs).then(function (module) {
      module.GlobalWorkerOptions.workerSrc = view.dataset.pdfjsWorker;
      return module;
    });
    return library;
  }

  function setUp(view) {
    const toggle = view.querySelector(".pdf-view-toggle");
    const viewer = view.querySelector(".pdf-viewer");
    const toolbar = viewer.querySelector(".pdf-toolbar");
    const status = viewer.querySelector(".pdf-status");
    const frame = viewer.querySelector(".pdf-canvas");
    const canvas = frame.querySelector("canvas");
    const number = viewer.querySelector(".pdf-page-number");
    const buttons = {};
    viewer.querySelectorAll("[data-pdf]").forEach(function (button) {
      buttons[button.dataset.pdf] = button;
    });
    let pdf = null;
    let loading = null;
    let pageNumber = 1;
    let zoom = ZOOMS.indexOf(1);
    let drawing = false;
    let again = false;

    function pageLabel() {
      return view.dataset.pageLabel
        .replace("{page}", pageNumber)
        .replace("{count}", pdf.numPages);
    }

    function fail() {
      toolbar.hidden = true;
      frame.hidden = true;
      status.textContent = view.dataset.failed;
    }

    // One drawing at a time; a click meanwhile draws again once it is done.
    async function draw() {
      if (drawing) {
        again = true;
        return;
      }
      drawing = true;
      try {
        do {
          again = false;
          const page = await pdf.getPage(pageNumber);
          const width = page.getViewport({ scale: 1 }).width;
          const scale = (frame.clientWidth / width) * ZOOMS[zoom];
          // Sharp on a phone's dense screen, without a canvas too large for its memory.
          const ratio = Math.min(window.devicePixelRatio || 1, 2);
          const viewport = page.getViewport({ scale: scale * ratio });
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.style.width = Math.floor(viewport.width / ratio) + "px";
          canvas.style.height = Math.floor(viewport.height / ratio) + "px";
          await page.render({ canvas: canvas, viewport: viewport }).promise;
        } while (again);
      } finally {
        drawing = false;
      }
      number.textContent = pageLabel();
      canvas.setAttribute("aria-label", pageLabel());
      // aria-disabled, not disabled: the button pressed keeps the keyboard's focus.
      buttons.previous.setAttribute("aria-disabled", pageNumber === 1);
      buttons.next.setAttribute("aria-disabled", pageNumber === pdf.numPages);
      buttons["zoom-out"].setAttribute("aria-disabled", zoom === 0);
      buttons["zoom-in"].setAttribute("aria-disabled", zoom === ZOOMS.length - 1);
      buttons.fit.setAttribute("aria-disabled", ZOOMS[zoom] === 1);
    }

    function show() {
      draw().catch(fail);
    }

    async function open() {
      status.textContent = view.dataset.loading;
      try {
        const library = await pdfjs(view);
        pdf = await library.getDocument({
          url: view.dataset.pdfUrl,
          // Not a download: portal/visits.py counts the page view instead.
          httpHeaders: { "X-Quick-View": "1" },
        }).promise;
      } catch (error) {
        fail();
        return;
      }
      status.textContent = "";
      toolbar.hidden = false;
      frame.hidden = false;
      show();
    }

    toggle.addEventListener("click", function () {
      const opening = viewer.hidden;
      viewer.hidden = !opening;
      toggle.setAttribute("aria-expanded", opening ? "true" : "false");
      if (!opening) return;
      if (pdf) show(); // at the width of now: the screen may have turned meanwhile
      loading ??= open();
    });
    // Escape closes the view and brings the keyboard back to its button.
    viewer.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      viewer.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    });
    const actions = {
      previous: function () {
        pageNumber = Math.max(1, pageNumber - 1);
      },
      next: function () {
        pageNumber = Math.min(pdf.numPages, pageNumber + 1);
      },
      "zoom-out": function () {
        zoom = Math.max(0, zoom - 1);
      },
      "zoom-in": function () {
        zoom = Math.min(ZOOMS.length - 1, zoom + 1);
      },
      fit: function () {
        zoom = ZOOMS.indexOf(1);
      },
    };
    Object.keys(actions).forEach(function (name) {
      buttons[name].addEventListener("click", function () {
        if (buttons[name].getAttribute("aria-disabled") === "true") return;
        actions[name]();
        show();
      });
    });
    // A phone turned on its side: the page fits its new width.
    let resizing = null;
    window.addEventListener("resize", function () {
      if (!pdf || viewer.hidden) return;
      cancelAnimationFrame(resizing);
      resizing = requestAnimationFrame(show);
    });
    view.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".pdf-view").forEach(setUp);
  });
})();
